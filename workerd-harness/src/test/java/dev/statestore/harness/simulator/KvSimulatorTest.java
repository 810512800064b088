package dev.statestore.harness.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.UnavailableException;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.control.FaultSpec;
import dev.statestore.harness.control.KvControlClient;
import dev.statestore.harness.control.StoredEntry;
import dev.statestore.spi.StateStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulated KV's control API, exercised through the provider and the real worker.js. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvSimulatorTest {
    private WorkerdKvProcess emulator;
    private StateStore storeA;
    private StateStore storeB;
    private KvControlClient control;

    @BeforeAll
    void start() {
        emulator = new WorkerdKvProcess().withSecondDataCentre(Duration.ZERO);
        emulator.start();
        control = emulator.control();
        storeA = emulator.openStateStore();
        storeB = StateStores.create("state.cloudflare.workerskv", withRetries(emulator.componentMetadata("b"), 1));
    }

    @AfterAll
    void stop() {
        if (storeA != null) {
            storeA.close();
        }
        if (storeB != null) {
            storeB.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void reset() {
        control.reset();
    }

    @Test
    void clockCanBeSetAdvancedAndFrozen() {
        Instant target = Instant.parse("2030-01-01T00:00:00Z");
        control.freezeClock(true);
        control.setClock(target);
        assertEquals(target, control.now());

        control.advanceClock(Duration.ofHours(2));
        assertEquals(target.plus(Duration.ofHours(2)), control.now());
    }

    @Test
    void expiryFollowsTheVirtualClock() {
        storeA.set("ttl", bytes("v"), Duration.ofSeconds(3600));
        StoredEntry entry = control.entry("ttl").orElseThrow();
        assertTrue(entry.expiration().isPresent());

        control.advanceClock(Duration.ofSeconds(3599));
        assertTrue(storeA.get("ttl").isPresent());
        control.advanceClock(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), storeA.get("ttl"));
        assertEquals(0, control.count());
    }

    @Test
    void inspectionListsCountsAndDumps() {
        storeA.set("a/1", bytes("one"));
        storeA.set("a/2", bytes("two"));
        storeA.set("b", bytes("three"));

        assertEquals(3, control.count());
        assertEquals(List.of("a%2F1", "a%2F2"), control.keys("a", "a%2F"));
        assertEquals(3, control.dump().size());
        assertEquals("two", control.entry("a%2F2").orElseThrow().valueAsString());
    }

    @Test
    void resetClearsData() {
        storeA.set("k", bytes("v"));
        control.reset();
        assertEquals(0, control.count());
        assertEquals(Optional.empty(), storeA.get("k"));
    }

    @Test
    void failNextFaultIsRetriedByProvider() {
        control.addFault(FaultSpec.failNext("put", 2, 503));
        storeA.set("k", bytes("v"));
        assertEquals("v", control.entry("k").orElseThrow().valueAsString());
        assertEquals(2, control.stats().path("errors").path("a").path("put").asInt(),
                "the two injected failures were seen by KV, then the retry succeeded");
    }

    @Test
    void persistentFaultSurfacesAsUnavailable() {
        control.addFault(FaultSpec.failPercent("get", 100, 500));
        StateStoreException error = assertThrows(StateStoreException.class, () -> storeB.get("k"));
        assertTrue(error.isRetryable(), "a KV failure is retryable: " + error);
        assertTrue(error.getMessage().contains("502") || error.getMessage().contains("500"), error.getMessage());
    }

    @Test
    void droppedConnectionIsRetried() {
        control.addFault(FaultSpec.drop("get", 1));
        storeA.set("k", bytes("v"));
        assertEquals("v", storeA.get("k").orElseThrow().valueAsString());
    }

    @Test
    void latencyFaultDelaysButSucceeds() {
        control.addFault(FaultSpec.latency("get", Duration.ofMillis(300)));
        storeA.set("k", bytes("v"));
        long started = System.nanoTime();
        assertEquals("v", storeA.get("k").orElseThrow().valueAsString());
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "the get waited for the fault");
    }

    @Test
    void faultsCanBeCleared() {
        control.addFault(FaultSpec.failPercent("any", 100, 503));
        control.clearFaults();
        storeA.set("k", bytes("v"));
        assertTrue(storeA.get("k").isPresent());
    }

    @Test
    void replicationDelayGivesStaleReads() {
        control.setReplicationDelay(Duration.ofSeconds(30));
        storeA.set("k", bytes("new"));

        assertEquals("new", storeA.get("k").orElseThrow().valueAsString(), "visible at once where written");
        assertEquals(Optional.empty(), storeB.get("k"), "not yet replicated to data centre b");

        control.advanceClock(Duration.ofSeconds(31));
        assertEquals("new", storeB.get("k").orElseThrow().valueAsString());
    }

    @Test
    void deleteReplicatesToo() {
        storeA.set("k", bytes("v"));
        assertTrue(storeB.get("k").isPresent(), "zero delay replicates at once");
        control.setReplicationDelay(Duration.ofSeconds(10));
        storeB.delete("k");
        assertTrue(storeA.get("k").isPresent(), "a delete in b reaches a only after the delay");
        control.advanceClock(Duration.ofSeconds(11));
        assertFalse(storeA.get("k").isPresent());
    }

    @Test
    void seededEntryIsReadableThroughWorker() {
        control.putEntry("seeded%20key", bytes("written elsewhere"));
        assertEquals("written elsewhere", storeA.get("seeded key").orElseThrow().valueAsString());
        control.deleteEntry("seeded%20key");
        assertEquals(Optional.empty(), storeA.get("seeded key"));
    }

    private static Map<String, String> withRetries(Map<String, String> metadata, int timeoutSeconds) {
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put("timeoutInSeconds", Integer.toString(timeoutSeconds));
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
