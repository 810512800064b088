package dev.statestore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.GetRequest;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.spi.StateStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against the in-memory reference provider. Every phase is long enough that the operation bound,
 * not the clock, ends it, so the counts are exact.
 */
class LoadDriverTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final int OPERATIONS = 200;

    private StateStore store;
    private LoadDriver driver;

    @BeforeEach
    void openStore() {
        store = StateStores.create("state.in-memory", Map.of());
        driver = new LoadDriver(Duration.ZERO, LONG, OPERATIONS, CpuMeter.withoutWorkerd());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void blockingRunsExactlyTheBoundedCount() throws InterruptedException {
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        Cell cell = new Cell("provider", "set", "100 B", "blocking", 4);

        Measurement measurement = driver.runBlocking(cell, sequence -> {
            sequences.add(sequence);
            store.set(SetRequest.of("key-" + sequence, "v".getBytes(StandardCharsets.UTF_8)));
        });

        assertEquals(OPERATIONS, measurement.operations());
        assertEquals(0, measurement.errors());
        assertEquals(OPERATIONS, sequences.size());
        assertTrue(store.get(GetRequest.of("key-0")).isPresent());
        assertTrue(store.get(GetRequest.of("key-" + (OPERATIONS - 1))).isPresent());
        assertFalse(store.get(GetRequest.of("key-" + OPERATIONS)).isPresent());
        assertEquals(cell, measurement.cell());
    }

    @Test
    void blockingRecordsLatencyAndCpu() throws InterruptedException {
        Measurement measurement = driver.runBlocking(new Cell("provider", "get", "100 B", "blocking", 2),
                sequence -> store.get(GetRequest.of("absent")));

        assertTrue(measurement.p50Millis() > 0, "p50 " + measurement.p50Millis());
        assertTrue(measurement.p99Millis() >= measurement.p50Millis(), "p99 " + measurement.p99Millis());
        assertTrue(measurement.seconds() > 0, "seconds " + measurement.seconds());
        assertTrue(measurement.throughput() > 0, "throughput " + measurement.throughput());
        assertTrue(measurement.clientCpuMicrosPerOp() >= 0, "client CPU " + measurement.clientCpuMicrosPerOp());
        assertTrue(Double.isNaN(measurement.workerdCpuMicrosPerOp()), "no workerd, so its CPU is not measured");
    }

    @Test
    void blockingCountsFailures() throws InterruptedException {
        Measurement measurement = driver.runBlocking(new Cell("provider", "get", "100 B", "blocking", 3),
                sequence -> {
                    if (sequence % 2 == 1) {
                        throw new IllegalStateException("odd operation " + sequence);
                    }
                });

        assertEquals(OPERATIONS / 2, measurement.operations());
        assertEquals(OPERATIONS / 2, measurement.errors());
    }

    @Test
    void asyncRunsExactlyTheBoundedCount() throws InterruptedException {
        Cell cell = new Cell("provider", "set", "100 B", "async", 8);

        Measurement measurement = driver.runAsync(cell,
                sequence -> store.setAsync(SetRequest.of("async-" + sequence, new byte[] {1})));

        assertEquals(OPERATIONS, measurement.operations());
        assertEquals(0, measurement.errors());
        assertTrue(store.get(GetRequest.of("async-" + (OPERATIONS - 1))).isPresent());
    }

    @Test
    void asyncCountsFailedFuturesAndThrownErrors() throws InterruptedException {
        Measurement measurement = driver.runAsync(new Cell("provider", "get", "100 B", "async", 4), sequence -> {
            if (sequence % 4 == 0) {
                throw new IllegalStateException("thrown before a future exists");
            }
            if (sequence % 4 == 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("failed future"));
            }
            return CompletableFuture.completedFuture(null);
        });

        assertEquals(OPERATIONS / 2, measurement.operations());
        assertEquals(OPERATIONS / 2, measurement.errors());
    }

    @Test
    void asyncKeepsAtMostConcurrencyInFlight() throws InterruptedException {
        int concurrency = 3;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            Measurement measurement = driver.runAsync(new Cell("provider", "get", "100 B", "async", concurrency),
                    sequence -> {
                        int now = inFlight.incrementAndGet();
                        highest.accumulateAndGet(now, Math::max);
                        return CompletableFuture.runAsync(inFlight::decrementAndGet, executor);
                    });

            assertEquals(OPERATIONS, measurement.operations());
            assertTrue(highest.get() <= concurrency, "highest in flight " + highest.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void warmupIsNotCounted() throws InterruptedException {
        LoadDriver withWarmup = new LoadDriver(LONG, LONG, OPERATIONS, CpuMeter.withoutWorkerd());
        AtomicInteger calls = new AtomicInteger();

        Measurement measurement = withWarmup.runBlocking(new Cell("provider", "get", "100 B", "blocking", 2),
                sequence -> calls.incrementAndGet());

        assertEquals(2 * OPERATIONS, calls.get());
        assertEquals(OPERATIONS, measurement.operations());
    }

    @Test
    void durationsAreDescribedForLogs() {
        assertEquals("500 ms", LoadDriver.describe(Duration.ofMillis(500)));
        assertEquals("5 s", LoadDriver.describe(Duration.ofSeconds(5)));
        assertEquals("6 min 36 s", LoadDriver.describe(Duration.ofMillis(396_016)));
    }

    @Test
    void invalidLimitsAreRejected() {
        CpuMeter meter = CpuMeter.withoutWorkerd();
        IllegalArgumentException zeroDuration = assertThrows(IllegalArgumentException.class,
                () -> new LoadDriver(Duration.ZERO, Duration.ZERO, 1, meter));
        assertTrue(zeroDuration.getMessage().contains("PT0S"), zeroDuration.getMessage());
        IllegalArgumentException noOperations = assertThrows(IllegalArgumentException.class,
                () -> new LoadDriver(Duration.ZERO, LONG, 0, meter));
        assertTrue(noOperations.getMessage().contains("maxOperations"), noOperations.getMessage());
    }
}
