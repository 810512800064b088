package dev.statestore.benchmarks.load;

import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.benchmarks.cpu.CpuSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell of closed-loop load: a warm-up phase whose results are dropped, then a measured phase. Each
 * phase ends at its time limit or after {@code maxOperations} operations, whichever comes first, and then
 * waits for the operations still in flight. Latency runs from the start of an operation to its completion.
 */
public final class LoadDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);
    /** How long a phase waits for its last operations; longer than the provider's default 20 s timeout. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final Duration warmup;
    private final Duration duration;
    private final long maxOperations;
    private final CpuMeter cpuMeter;

    /**
     * Creates a driver whose phases last {@code warmup} and {@code duration} (a zero warm-up is skipped), with
     * at most {@code maxOperations} operations in each phase.
     */
    public LoadDriver(Duration warmup, Duration duration, long maxOperations, CpuMeter cpuMeter) {
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Invalid phases: warm-up " + warmup + " must not be negative and "
                    + "duration " + duration + " must be positive.");
        }
        if (maxOperations < 1) {
            throw new IllegalArgumentException("maxOperations must be at least 1, not " + maxOperations);
        }
        this.warmup = warmup;
        this.duration = duration;
        this.maxOperations = maxOperations;
        this.cpuMeter = cpuMeter;
    }

    /** Returns a driver with the same limits that attributes workerd CPU time through {@code meter}. */
    public LoadDriver withCpuMeter(CpuMeter meter) {
        return new LoadDriver(warmup, duration, maxOperations, meter);
    }

    /** Runs {@code operation} on {@code cell.concurrency()} threads, each calling it in a loop. */
    public Measurement runBlocking(Cell cell, BlockingOperation operation) throws InterruptedException {
        LOG.info("Running {} for {} after {} warm-up", cell.describe(), describe(duration), describe(warmup));
        runBlockingPhase(cell, operation, warmup, new Tally(cell));

        Tally tally = new Tally(cell);
        CpuSnapshot before = cpuMeter.snapshot();
        long started = System.nanoTime();
        runBlockingPhase(cell, operation, duration, tally);
        long elapsed = System.nanoTime() - started;
        CpuSnapshot after = cpuMeter.snapshot();

        return log(tally.toMeasurement(elapsed, CpuMeter.usage(before, after, tally.successes(), false)));
    }

    /** Starts {@code operation} from one thread, keeping at most {@code cell.concurrency()} futures in flight. */
    public Measurement runAsync(Cell cell, AsyncOperation operation) throws InterruptedException {
        LOG.info("Running {} for {} after {} warm-up", cell.describe(), describe(duration), describe(warmup));
        runAsyncPhase(cell, operation, warmup, new Tally(cell));

        Tally tally = new Tally(cell);
        CpuSnapshot before = cpuMeter.snapshot();
        long started = System.nanoTime();
        runAsyncPhase(cell, operation, duration, tally);
        long elapsed = System.nanoTime() - started;
        CpuSnapshot after = cpuMeter.snapshot();

        return log(tally.toMeasurement(elapsed, CpuMeter.usage(before, after, tally.successes(), false)));
    }

    private void runBlockingPhase(Cell cell, BlockingOperation operation, Duration length, Tally tally)
            throws InterruptedException {
        if (length.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong sequence = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cell.concurrency(); i++) {
            Thread thread = new Thread(() -> loop(operation, deadline, sequence, tally), "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        long joinDeadline = deadline + DRAIN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime()));
            thread.join(remainingMillis);
            if (thread.isAlive()) {
                LOG.warn("Thread {} of {} still runs {} after the phase ended; interrupting it", thread.getName(),
                        cell.describe(), DRAIN_TIMEOUT);
                thread.interrupt();
            }
        }
    }

    private void loop(BlockingOperation operation, long deadline, AtomicLong sequence, Tally tally) {
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            long number = sequence.getAndIncrement();
            if (number >= maxOperations) {
                return;
            }
            long start = System.nanoTime();
            try {
                operation.run(number);
                tally.success(System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tally.failure(e);
            } catch (Exception e) {
                tally.failure(e);
            }
        }
    }

    private void runAsyncPhase(Cell cell, AsyncOperation operation, Duration length, Tally tally)
            throws InterruptedException {
        if (length.isZero()) {
            return;
        }
        int concurrency = cell.concurrency();
        Semaphore permits = new Semaphore(concurrency);
        long deadline = System.nanoTime() + length.toNanos();
        for (long number = 0; number < maxOperations; number++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !permits.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
                break;
            }
            start(operation, number, permits, tally);
        }

        if (!permits.tryAcquire(concurrency, DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            LOG.warn("{} operations of {} were still in flight {} after the phase ended", concurrency
                    - permits.availablePermits(), cell.describe(), DRAIN_TIMEOUT);
        }
    }

    private static void start(AsyncOperation operation, long number, Semaphore permits, Tally tally) {
        long start = System.nanoTime();
        CompletableFuture<?> future;
        try {
            future = operation.start(number);
        } catch (RuntimeException e) {
            tally.failure(e);
            permits.release();
            return;
        }
        future.whenComplete((result, error) -> {
            if (error == null) {
                tally.success(System.nanoTime() - start);
            } else {
                tally.failure(error);
            }
            permits.release();
        });
    }

    /** Returns {@code duration} for logs, such as {@code 500 ms}, {@code 5 s} or {@code 6 min 36 s}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 60_000) {
            return millis / 60_000 + " min " + millis % 60_000 / 1000 + " s";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Measurement log(Measurement measurement) {
        LOG.info("  {}", measurement.summary());
        return measurement;
    }
}
