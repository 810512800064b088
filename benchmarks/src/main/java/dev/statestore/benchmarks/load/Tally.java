package dev.statestore.benchmarks.load;

import dev.statestore.benchmarks.cpu.CpuUsage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the successes and failures of one phase of a cell and records the latency of each success.
 * Thread-safe: operations complete on many threads at once. Only the first failure is logged in full.
 */
final class Tally {
    private static final Logger LOG = LoggerFactory.getLogger(Tally.class);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Cell cell;
    private final Recorder latencies = new Recorder(SIGNIFICANT_DIGITS);
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    Tally(Cell cell) {
        this.cell = cell;
    }

    void success(long latencyNanos) {
        latencies.recordValue(Math.max(latencyNanos, 1));
        successes.increment();
    }

    void failure(Throwable error) {
        failures.increment();
        if (failureLogged.compareAndSet(false, true)) {
            Throwable cause = unwrap(error);
            LOG.warn("Operation failed in {} (later failures of this phase are only counted): {}", cell.describe(),
                    cause.toString());
        }
    }

    long successes() {
        return successes.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** Returns the measurement of this phase, which lasted {@code elapsedNanos}. */
    Measurement toMeasurement(long elapsedNanos, CpuUsage cpu) {
        Histogram histogram = latencies.getIntervalHistogram();
        long failed = failures();
        if (failed > 0) {
            LOG.warn("{} of {} operations failed in {}", failed, failed + successes(), cell.describe());
        }
        boolean empty = histogram.getTotalCount() == 0;
        double p50 = empty ? Double.NaN : histogram.getValueAtPercentile(50) / 1e6;
        double p99 = empty ? Double.NaN : histogram.getValueAtPercentile(99) / 1e6;
        return new Measurement(cell, successes(), failed, elapsedNanos / 1e9, p50, p99, cpu.clientMicrosPerOp(),
                cpu.workerdMicrosPerOp(), cpu.machinePercent(), cpu.otherPercent());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
