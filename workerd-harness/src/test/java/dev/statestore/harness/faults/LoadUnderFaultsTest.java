package dev.statestore.harness.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.control.StoredEntry;
import dev.statestore.harness.security.SecretLeakGuard;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.http.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A load run while the simulated KV fails a third of all puts: 500s, 429s, connections dropped before and after
 * the write is applied, and added latency within the deadline. Afterwards every key contains its last acknowledged
 * value or a later value whose outcome was unknown, every acknowledged write read back at once, retries stayed
 * within the retry policy, and no call outlasted its deadline by much.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadUnderFaultsTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final int TIMEOUT_SECONDS = 2;

    private WorkerdKvProcess emulator;
    private StateStore store;

    @BeforeAll
    void startEmulator() {
        emulator = new WorkerdKvProcess();
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("timeoutInSeconds", String.valueOf(TIMEOUT_SECONDS));
        store = StateStores.create("state.cloudflare.workerskv", metadata);
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

    @Test
    void acknowledgedWritesSurviveKvFaults() throws Exception {
        emulator.control().reset();
        // Faults are checked in this order, and the first failing one wins, so about 1 put in 3 fails.
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":15,\"status\":500,\"seed\":7}");
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":5,\"status\":429,\"seed\":11}");
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":6,\"drop\":\"before\",\"seed\":13}");
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":6,\"drop\":\"after\",\"seed\":17}");
        RawFaults.add(emulator.control(), "{\"operation\":\"put\",\"failPercent\":10,\"latencyMs\":150,\"seed\":19}");
        KvStats before = KvStats.of(emulator.control());

        LoadRun run = new LoadRun(store, true);
        Duration duration = LoadRun.configuredDuration();
        run.start(duration);
        WriteLedger ledger = run.finish();

        KvStats after = KvStats.of(emulator.control());
        emulator.control().clearFaults();
        long putRequests = after.requestsSince(before, "put");
        long putErrors = after.errors("put") - before.errors("put");
        System.out.printf("Load under KV faults: %d s, %d writes: %d acknowledged, %d unknown, %d failed; "
                        + "%d KV puts, %d of them failed; longest call %d ms%n", duration.toSeconds(),
                ledger.attempts(), ledger.count(WriteLedger.Outcome.ACKNOWLEDGED),
                ledger.count(WriteLedger.Outcome.UNKNOWN), ledger.count(WriteLedger.Outcome.FAILED), putRequests,
                putErrors, ledger.longestAttempt().toMillis());
        ledger.sampleErrors(5).forEach(error -> System.out.println("  sample error: " + error));

        assertTrue(ledger.count(WriteLedger.Outcome.ACKNOWLEDGED) > 100, "too few writes to mean anything");
        assertTrue(putErrors > ledger.attempts() / 10, "the faults barely fired: " + putErrors + " failed puts");
        assertEquals(0, ledger.count(WriteLedger.Outcome.FAILED), ledger.sampleErrors(5).toString());
        assertEquals(List.of(), run.readBackViolations());
        assertEquals(List.of(), ledger.check(key -> LoadRun.read(store, key)), "read through the provider");
        assertEquals(List.of(), ledger.check(this::storedValue), "read from the simulated KV");
        assertTrue(putRequests <= ledger.attempts() * RetryPolicy.DEFAULT.maxAttempts(),
                putRequests + " KV puts for " + ledger.attempts() + " writes: retries are not bounded");
        assertTrue(ledger.longestAttempt().compareTo(Duration.ofSeconds(TIMEOUT_SECONDS + 2)) < 0,
                "a write took " + ledger.longestAttempt() + ", far beyond its " + TIMEOUT_SECONDS + " s deadline");
    }

    private Optional<String> storedValue(String key) {
        return emulator.control().entry(key).map(StoredEntry::valueAsString);
    }
}
