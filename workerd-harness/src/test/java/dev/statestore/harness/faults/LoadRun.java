package dev.statestore.harness.faults;

import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Writer threads that each write their own keys, round robin, with values that carry an increasing sequence
 * number ({@code w2-k5-#17}), until a deadline, recording every outcome in a {@link WriteLedger}. Optionally each
 * writer reads a key back right after its write was acknowledged, and reports a read that does not return it.
 *
 * <p>Length and width come from system properties, so CI runs short and a longer run needs no code change:
 * {@value #SECONDS_PROPERTY} (default 10) and {@value #WRITERS_PROPERTY} (default 4).
 */
final class LoadRun {
    static final String SECONDS_PROPERTY = "statestore.reliability.loadSeconds";
    static final String WRITERS_PROPERTY = "statestore.reliability.writers";
    private static final int KEYS_PER_WRITER = 8;

    private final StateStore store;
    private final int writers;
    private final boolean readBack;
    private final WriteLedger ledger = new WriteLedger();
    private final ConcurrentLinkedQueue<String> readBackViolations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> crashes = new ConcurrentLinkedQueue<>();
    private final Object progress = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private long acknowledged;
    private long notAcknowledged;
    private long deadlineNanos;

    LoadRun(StateStore store, boolean readBack) {
        this.store = store;
        this.writers = Integer.getInteger(WRITERS_PROPERTY, 4);
        this.readBack = readBack;
    }

    static Duration configuredDuration() {
        return Duration.ofSeconds(Long.getLong(SECONDS_PROPERTY, 10));
    }

    /** Starts the writers; they stop on their own after {@code duration}. */
    void start(Duration duration) {
        deadlineNanos = System.nanoTime() + duration.toNanos();
        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            Thread thread = new Thread(() -> write(id), "load-writer-" + id);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    boolean isRunning() {
        return System.nanoTime() < deadlineNanos && threads.stream().anyMatch(Thread::isAlive);
    }

    long acknowledged() {
        synchronized (progress) {
            return acknowledged;
        }
    }

    /** Returns how many writes ended in a failure, whatever its kind. */
    long notAcknowledged() {
        synchronized (progress) {
            return notAcknowledged;
        }
    }

    /**
     * Waits until at least {@code count} writes are acknowledged. Returns false when the run ends first, or when
     * {@code timeout} passes.
     */
    boolean awaitAcknowledged(long count, Duration timeout) throws InterruptedException {
        return await(() -> acknowledged >= count, timeout);
    }

    /** Waits until at least {@code count} writes failed. Returns false when the run or {@code timeout} ends first. */
    boolean awaitNotAcknowledged(long count, Duration timeout) throws InterruptedException {
        return await(() -> notAcknowledged >= count, timeout);
    }

    private boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                long waitNanos = Math.min(until, deadlineNanos) - System.nanoTime();
                if (waitNanos <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, waitNanos);
            }
            return true;
        }
    }

    /** Waits for the writers to stop, at most 60 s after the run's end, and returns the ledger. */
    WriteLedger finish() throws InterruptedException {
        long joinDeadline = deadlineNanos + Duration.ofSeconds(60).toNanos();
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, joinDeadline - System.nanoTime()));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not stop within 60 s of the run's end");
            }
        }
        if (!crashes.isEmpty()) {
            AssertionError error = new AssertionError("A writer thread crashed");
            crashes.forEach(error::addSuppressed);
            throw error;
        }
        return ledger;
    }

    List<String> readBackViolations() {
        return List.copyOf(readBackViolations);
    }

    /** Returns the stored value of a key as the store reads it, or empty when absent. */
    static Optional<String> read(StateStore store, String key) {
        return store.get(key).map(StateItem::valueAsString);
    }

    private void write(int writer) {
        try {
            long sequence = 0;
            while (System.nanoTime() < deadlineNanos) {
                sequence++;
                String key = "w" + writer + "-k" + (sequence % KEYS_PER_WRITER);
                String value = "w" + writer + "-k" + (sequence % KEYS_PER_WRITER) + "-#" + sequence;
                writeOnce(key, value);
            }
        } catch (RuntimeException | Error e) {
            crashes.add(e);
        }
    }

    private void writeOnce(String key, String value) {
        long started = System.nanoTime();
        WriteLedger.Outcome outcome;
        String error = null;
        try {
            store.set(key, value.getBytes(StandardCharsets.UTF_8));
            outcome = WriteLedger.Outcome.ACKNOWLEDGED;
        } catch (StateStoreException e) {
            outcome = e.isRetryable() ? WriteLedger.Outcome.UNKNOWN : WriteLedger.Outcome.FAILED;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        ledger.record(key, new WriteLedger.Attempt(value, outcome, started, System.nanoTime() - started, error));

        boolean success = outcome == WriteLedger.Outcome.ACKNOWLEDGED;
        if (success && readBack) {
            checkReadBack(key, value);
        }
        synchronized (progress) {
            if (success) {
                acknowledged++;
            } else {
                notAcknowledged++;
            }
            progress.notifyAll();
        }
    }

    private void checkReadBack(String key, String value) {
        try {
            Optional<String> read = read(store, key);
            if (!read.equals(Optional.of(value))) {
                readBackViolations.add("key '" + key + "' read " + read.orElse("(absent)") + " right after '" + value
                        + "' was acknowledged");
            }
        } catch (StateStoreException e) {
            readBackViolations.add("key '" + key + "' could not be read after '" + value + "' was acknowledged: "
                    + e.getMessage());
        }
    }
}
