package dev.statestore.benchmarks.report;

import java.time.Duration;
import java.time.Instant;

/**
 * Configuration of one run, for the report header.
 *
 * @param startedAt when the run started
 * @param jvmWarmup unmeasured provider load before the first cell
 * @param warmup warm-up of each cell
 * @param duration measured time of each cell
 * @param workerScript the Worker script under test, or {@code bundled worker.js}
 * @param keysPerSize distinct keys per value size that the provider cells cycle through
 * @param elapsed wall-clock time of the whole run
 * @param backgroundCpuPercent share of all cores that other processes kept busy just before the run, or NaN
 */
public record RunSettings(Instant startedAt, Duration jvmWarmup, Duration warmup, Duration duration,
        String workerScript, int keysPerSize, Duration elapsed, double backgroundCpuPercent) {
}
