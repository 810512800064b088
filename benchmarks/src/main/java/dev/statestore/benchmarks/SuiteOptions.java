package dev.statestore.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of one benchmark run, validated by {@link BenchmarkCommand}.
 *
 * @param jvmWarmup load run once before the first cell, so that the JIT compiler has compiled the client's hot
 *     paths before anything is measured
 * @param warmup warm-up of each cell, whose results are dropped
 * @param duration measured time of each cell
 * @param workerScript the Worker script under test, or empty for the bundled {@code worker.js}
 * @param outputDirectory where the Markdown report and the PNG plot go
 * @param concurrencies the concurrencies of the matrix, in increasing order
 * @param keysPerSize distinct keys per value size
 * @param maxOperations bound on operations per phase of a cell
 * @param runJmh whether to run the JMH micro-benchmarks
 * @param runWrk whether to run the wrk cells
 */
record SuiteOptions(Duration jvmWarmup, Duration warmup, Duration duration, Optional<Path> workerScript,
        Path outputDirectory, List<Integer> concurrencies, int keysPerSize, long maxOperations, boolean runJmh,
        boolean runWrk) {
}
