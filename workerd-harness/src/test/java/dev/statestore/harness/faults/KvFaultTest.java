package dev.statestore.harness.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.TimedOutException;
import dev.statestore.api.UnavailableException;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.control.FaultSpec;
import dev.statestore.harness.control.StoredEntry;
import dev.statestore.harness.security.SecretLeakGuard;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.http.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults of the simulated KV behind the real worker.js, seen through the provider: a transient 429 or 5xx is
 * retried until it succeeds, a persistent one ends in {@link UnavailableException} naming the cause after a
 * bounded number of attempts, latency beyond the deadline ends in {@link TimedOutException}, and dropped
 * connections behave like failures whose write may still have landed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvFaultTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final String OUTAGE = "simulated outage";
    private static final int MAX_ATTEMPTS = RetryPolicy.DEFAULT.maxAttempts();

    private WorkerdKvProcess emulator;
    private StateStore store;
    private final List<StateStore> extraStores = new ArrayList<>();

    @BeforeAll
    void startEmulator() {
        emulator = new WorkerdKvProcess();
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        store = emulator.openStateStore();
    }

    @AfterAll
    void stopEmulator() {
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetKv() {
        emulator.control().reset();
    }

    @AfterEach
    void closeExtraStores() {
        extraStores.forEach(StateStore::close);
        extraStores.clear();
    }

    @ParameterizedTest(name = "{0} fails {2} times with {1}")
    @CsvSource({"get, 500, 1", "get, 429, 4", "put, 429, 3", "put, 500, 2", "delete, 503, 4", "delete, 429, 1"})
    void transientFailureIsRetried(String operation, int status, int failures) {
        emulator.control().putEntry("k", bytes("before"));
        emulator.control().addFault(FaultSpec.failNext(operation, failures, status).withBody(OUTAGE));
        KvStats before = KvStats.of(emulator.control());

        run(operation, store, "k", "after");

        KvStats after = KvStats.of(emulator.control());
        assertEquals(failures + 1, after.requestsSince(before, operation), "KV requests of " + operation);
        assertEquals(failures, after.errors(operation) - before.errors(operation));
        switch (operation) {
            case "put" -> assertEquals("after", storedValue("k"));
            case "delete" -> assertEquals(0, emulator.control().count());
            default -> assertEquals("before", storedValue("k"));
        }
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource({"get, 500", "get, 429", "put, 503", "put, 429", "delete, 500"})
    void persistentFailureEndsInUnavailable(String operation, int status) {
        emulator.control().putEntry("k", bytes("before"));
        emulator.control().addFault(FaultSpec.failNext(operation, MAX_ATTEMPTS, status).withBody(OUTAGE));
        KvStats before = KvStats.of(emulator.control());

        StateStoreException error = assertThrows(StateStoreException.class, () -> run(operation, store, "k", "after"));
        LEAKS.inspect(error);

        assertInstanceOf(UnavailableException.class, error, error.toString());
        assertTrue(error.isRetryable());
        String message = error.getMessage();
        assertTrue(message.contains("'k'"), "the message must name the key: " + message);
        assertTrue(message.contains("HTTP 502"), message);
        assertTrue(message.contains("KV " + operation + " failed"), message);
        assertTrue(message.contains(status + " " + OUTAGE), "the message must carry KV's status and reason: "
                + message);
        assertEquals(MAX_ATTEMPTS, KvStats.of(emulator.control()).requestsSince(before, operation),
                "attempts must stop at the retry policy's maximum");
        assertEquals("before", storedValue("k"));
    }

    @Test
    void failureOnEveryRequestStopsAtMaxAttempts() {
        emulator.control().addFault(FaultSpec.failPercent("any", 100, 500));
        KvStats before = KvStats.of(emulator.control());

        StateStoreException error = assertThrows(StateStoreException.class, () -> store.get("k"));
        LEAKS.inspect(error);

        assertInstanceOf(UnavailableException.class, error);
        assertEquals(MAX_ATTEMPTS, KvStats.of(emulator.control()).requestsSince(before, "get"));
    }

    @Test
    void latencyBeyondDeadlineTimesOut() {
        StateStore quick = openStore(1);
        emulator.control().putEntry("k", bytes("v"));
        emulator.control().addFault(FaultSpec.latency("get", Duration.ofSeconds(3)));
        KvStats before = KvStats.of(emulator.control());

        long started = System.nanoTime();
        StateStoreException error = assertThrows(StateStoreException.class, () -> quick.get("k"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LEAKS.inspect(error);

        assertInstanceOf(TimedOutException.class, error, error.toString());
        assertTrue(error.getMessage().contains("'k'"), error.getMessage());
        assertTrue(error.getMessage().contains("timed out after 1000 ms"), error.getMessage());
        // The KV responds after 3 s, so failing well before that shows that the 1 s deadline ended the call.
        assertTrue(elapsed.compareTo(Duration.ofMillis(2500)) < 0, "took " + elapsed);
        assertEquals(1, KvStats.of(emulator.control()).requestsSince(before, "get"), "no retry after the deadline");
    }

    @Test
    void latencyWithinDeadlineSucceeds() {
        StateStore patient = openStore(5);
        emulator.control().putEntry("k", bytes("v"));
        emulator.control().addFault(FaultSpec.latency("get", Duration.ofMillis(1500)));

        assertEquals("v", patient.get("k").orElseThrow().valueAsString());
    }

    /** A write that timed out has an unknown outcome: here it lands once KV's delay is over. */
    @Test
    void timedOutWriteMayLandLater() {
        StateStore quick = openStore(1);
        emulator.control().addFault(FaultSpec.latency("put", Duration.ofSeconds(3)));

        StateStoreException error = assertThrows(StateStoreException.class, () -> quick.set("k", bytes("late")));
        LEAKS.inspect(error);

        assertInstanceOf(TimedOutException.class, error, error.toString());
        Poll.until(Duration.ofSeconds(15), "the timed-out write lands", () -> storedValue("k") != null);
        assertEquals("late", storedValue("k"));
    }

    /**
     * KV has no compare-and-set, so a timed-out write that lands late overwrites a write acknowledged after it.
     * This is why a caller must treat a timeout as "unknown" and read the key back.
     */
    @Test
    void timedOutWriteCanOverwriteLaterWrite() {
        StateStore quick = openStore(1);
        String slowFault = emulator.control().addFault(FaultSpec.latency("put", Duration.ofSeconds(2)));

        assertThrows(TimedOutException.class, () -> quick.set("k", bytes("first")));
        emulator.control().clearFaults();
        quick.set("k", bytes("second"));
        assertEquals("second", storedValue("k"), "the later write is acknowledged and stored: fault " + slowFault);

        Poll.until(Duration.ofSeconds(15), "the first write lands late", () -> "first".equals(storedValue("k")));
    }

    @Test
    void droppedConnectionIsRetried() {
        emulator.control().addFault(FaultSpec.drop("put", 2));
        KvStats before = KvStats.of(emulator.control());

        store.set("k", bytes("v"));

        assertEquals("v", storedValue("k"));
        assertEquals(3, KvStats.of(emulator.control()).requestsSince(before, "put"));
    }

    @Test
    void persistentDropEndsInUnavailable() {
        emulator.control().putEntry("k", bytes("v"));
        emulator.control().addFault(FaultSpec.drop("get", 100));

        StateStoreException error = assertThrows(StateStoreException.class, () -> store.get("k"));
        LEAKS.inspect(error);

        assertInstanceOf(UnavailableException.class, error);
        assertTrue(error.getMessage().contains("Network connection lost"), error.getMessage());
    }

    /** A drop after KV applied the write: the client sees a failure, yet the value it sent is stored. */
    @Test
    void failedWriteMayHaveLanded() {
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"drop\":\"after\",\"failNext\":100}");

        StateStoreException error = assertThrows(StateStoreException.class, () -> store.set("k", bytes("sent")));
        LEAKS.inspect(error);

        assertInstanceOf(UnavailableException.class, error);
        assertEquals("sent", storedValue("k"));
    }

    @Test
    void bulkSetRetriesFailedOperations() {
        emulator.control().addFault(FaultSpec.failNext("put", 3, 500));
        List<SetRequest> requests = IntStream.range(0, 10)
                .mapToObj(i -> SetRequest.of("bulk-" + i, bytes("v" + i))).toList();

        store.bulkSet(requests);

        assertEquals(10, emulator.control().count());
        for (int i = 0; i < 10; i++) {
            assertEquals("v" + i, storedValue("bulk-" + i));
        }
    }

    @Test
    void bulkGetReportsPersistentFailurePerKey() {
        emulator.control().putEntry("a", bytes("1"));
        emulator.control().putEntry("b", bytes("2"));
        emulator.control().addFault(FaultSpec.failPercent("get", 100, 503).withBody(OUTAGE));

        List<BulkGetResult> results = store.bulkGet(List.of("a", "b"));

        assertEquals(2, results.size());
        for (BulkGetResult result : results) {
            StateStoreException error = result.error().orElseThrow(() -> new AssertionError(result.toString()));
            LEAKS.inspect(error);
            assertTrue(error.isRetryable(), error.toString());
            assertTrue(error.getMessage().contains(OUTAGE), error.getMessage());
            assertFalse(result.item().isPresent());
        }
    }

    private StateStore openStore(int timeoutSeconds) {
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("timeoutInSeconds", String.valueOf(timeoutSeconds));
        StateStore opened = StateStores.create("state.cloudflare.workerskv", metadata);
        extraStores.add(opened);
        return opened;
    }

    private static void run(String operation, StateStore target, String key, String value) {
        switch (operation) {
            case "get" -> target.get(key);
            case "put" -> target.set(key, bytes(value));
            case "delete" -> target.delete(key);
            default -> throw new IllegalArgumentException("No store call for KV operation " + operation);
        }
    }

    private String storedValue(String key) {
        Optional<String> value = emulator.control().entry(key).map(StoredEntry::valueAsString);
        return value.orElse(null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
