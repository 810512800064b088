package dev.statestore.harness.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.control.StoredEntry;
import dev.statestore.harness.security.SecretLeakGuard;
import dev.statestore.spi.StateStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * workerd killed abruptly and restarted, with the simulated KV persisted to disk, again and again in the middle
 * of a load run. The simulated KV writes each write to disk before it acknowledges it, so after the last
 * restart every key must hold its last acknowledged value, or a later value whose outcome was unknown (the
 * writes cut off by a kill). Subclasses choose the runtime and how to kill and restart it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrashRestartContract {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final int TIMEOUT_SECONDS = 2;
    /** Writes acknowledged between two kills, so every cycle kills a run that is making progress. */
    private static final int WRITES_BETWEEN_KILLS = 100;

    private Path dataDirectory;
    private WorkerdKv emulator;
    private StateStore store;

    /** Returns an unstarted emulator of the runtime under test that persists to {@code directory}. */
    abstract WorkerdKv createEmulator(Path directory);

    /** Kills workerd at once, as a crash would. */
    abstract void kill(WorkerdKv running);

    /** Starts the killed workerd again on the same ports and data, and waits until it responds. */
    abstract void restart(WorkerdKv killed);

    @BeforeAll
    void startEmulator() throws IOException {
        dataDirectory = Files.createTempDirectory("statestore-crash-");
        emulator = createEmulator(dataDirectory);
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("timeoutInSeconds", String.valueOf(TIMEOUT_SECONDS));
        store = StateStores.create("state.cloudflare.workerskv", metadata);
    }

    @AfterAll
    void stopEmulator() throws IOException {
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void acknowledgedWritesSurviveCrashes() throws Exception {
        emulator.control().reset();
        LoadRun run = new LoadRun(store, false);
        Duration duration = LoadRun.configuredDuration();

        run.start(duration);
        // The last third of the run has no kills, so it shows that writing works again after the last restart.
        long killsEnd = System.nanoTime() + duration.toNanos() * 2 / 3;
        int kills = 0;
        long lastRestart = System.nanoTime();
        while (run.awaitAcknowledged(run.acknowledged() + WRITES_BETWEEN_KILLS, duration)
                && System.nanoTime() < killsEnd) {
            kill(emulator);
            kills++;
            // Stay down until writes fail, which takes the provider's retries plus backoff, so that the run
            // also covers writes whose outcome is unknown, not only retries that outlast a quick restart.
            run.awaitNotAcknowledged(run.notAcknowledged() + 1, Duration.ofSeconds(TIMEOUT_SECONDS * 3));
            restart(emulator);
            lastRestart = System.nanoTime();
        }
        WriteLedger ledger = run.finish();

        long acknowledgedAfterLastRestart = ledger.acknowledgedAfter(lastRestart);
        System.out.printf("Crash and restart (%s): %d s, %d kills, %d writes: %d acknowledged (%d after the last "
                        + "restart), %d unknown, %d failed; longest call %d ms%n", getClass().getSimpleName(),
                duration.toSeconds(), kills, ledger.attempts(), ledger.count(WriteLedger.Outcome.ACKNOWLEDGED),
                acknowledgedAfterLastRestart, ledger.count(WriteLedger.Outcome.UNKNOWN),
                ledger.count(WriteLedger.Outcome.FAILED), ledger.longestAttempt().toMillis());
        ledger.sampleErrors(5).forEach(error -> System.out.println("  sample error: " + error));

        assertTrue(kills >= 1, "the run ended before the first kill; raise " + LoadRun.SECONDS_PROPERTY);
        assertTrue(acknowledgedAfterLastRestart > 0, "no write was acknowledged after the last restart");
        assertEquals(0, ledger.count(WriteLedger.Outcome.FAILED), ledger.sampleErrors(5).toString());
        assertEquals(List.of(), ledger.check(key -> LoadRun.read(store, key)), "read through the provider");
        assertEquals(List.of(), ledger.check(this::storedValue), "read from the simulated KV");
        assertTrue(ledger.longestAttempt().compareTo(Duration.ofSeconds(TIMEOUT_SECONDS + 2)) < 0,
                "a write took " + ledger.longestAttempt() + ", far beyond its " + TIMEOUT_SECONDS + " s deadline");
    }

    private Optional<String> storedValue(String key) {
        return emulator.control().entry(key).map(StoredEntry::valueAsString);
    }
}
