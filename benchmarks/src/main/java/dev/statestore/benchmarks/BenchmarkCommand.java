package dev.statestore.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Command line of the benchmark jar: validates the options, runs the suite and prints the report. */
@Command(name = "benchmarks",
        description = {"Measures the Workers KV provider end to end against worker.js in workerd with the "
                + "simulated KV, on 127.0.0.1, and writes a Markdown report and a PNG plot.",
            "Needs the workerd binary (npm ci at the top of the project) and, for the wrk cells, wrk "
                + "(apt-get install wrk)."})
public final class BenchmarkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCommand.class);
    static final Duration MIN_DURATION = Duration.ofMillis(100);
    static final int MAX_CONCURRENCY = 256;
    static final Duration MAX_JVM_WARMUP = Duration.ofMinutes(5);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--duration", defaultValue = "5s", converter = DurationConverter.class,
            description = "Measured time of each cell, such as 500ms, 5s or 1m (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--jvm-warmup", defaultValue = "30s", converter = DurationConverter.class,
            description = "Provider load run once before the first cell and not measured, so that the JIT compiler "
                    + "has compiled the client's hot paths; 0s skips it (default: ${DEFAULT-VALUE}).")
    private Duration jvmWarmup;

    @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
            description = "Warm-up of each cell before it is measured; 0s skips it (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--worker-script", paramLabel = "PATH",
            description = "Worker script under test (default: the bundled worker.js).")
    private Path workerScript;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "benchmarks/results",
            description = "Folder for results.md and throughput.png (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64", paramLabel = "N",
            description = "Comma-separated concurrencies: threads, in-flight futures or wrk connections "
                    + "(default: ${DEFAULT-VALUE}). The targets need 64.")
    private List<Integer> concurrencies;

    @Option(names = "--keys", defaultValue = "256",
            description = "Distinct keys per value size that the provider cells cycle through, at least 100 "
                    + "(default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--max-operations", defaultValue = "5000000",
            description = "Upper bound on operations in each phase of a cell, whatever its duration "
                    + "(default: ${DEFAULT-VALUE}).")
    private long maxOperations;

    @Option(names = "--skip-jmh", description = "Skip the JMH micro-benchmarks (about 25 s).")
    private boolean skipJmh;

    @Option(names = "--skip-wrk", description = "Skip the wrk cells and the targets that need them.")
    private boolean skipWrk;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new BenchmarkCommand());
        commandLine.setExecutionExceptionHandler((error, command, parseResult) -> {
            LOG.error("Benchmark run failed: {}", error.toString(), error);
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SuiteOptions options = validate();
        String report = new BenchmarkSuite(options).run();
        System.out.println(report);
        return 0;
    }

    SuiteOptions validate() {
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw invalid("Invalid --duration " + duration + ": measure each cell for at least 100ms.");
        }
        if (warmup.isNegative()) {
            throw invalid("Invalid --warmup " + warmup + ": use 0s or more.");
        }

        if (jvmWarmup.isNegative() || jvmWarmup.compareTo(MAX_JVM_WARMUP) > 0) {
            throw invalid("Invalid --jvm-warmup " + jvmWarmup + ": use 0s to " + MAX_JVM_WARMUP.toMinutes() + "m.");
        }
        if (warmup.plus(duration).compareTo(CeilingCells.MAX_CELL_TIME) > 0) {
            throw invalid("Invalid --duration " + duration + " with --warmup " + warmup + ": together they must "
                    + "not exceed " + CeilingCells.MAX_CELL_TIME.toMinutes() + " minutes, because one token signed "
                    + "per wrk cell must stay valid for the whole cell.");
        }

        List<Integer> sorted = concurrencies.stream().distinct().sorted().toList();
        for (int concurrency : sorted) {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw invalid("Invalid --concurrency " + concurrency + ": use values from 1 to " + MAX_CONCURRENCY
                        + ".");
            }
        }

        if (keys < Matrix.BULK_KEYS || keys > 100_000) {
            throw invalid("Invalid --keys " + keys + ": use " + Matrix.BULK_KEYS + " to 100000, because the bulk "
                    + "cells read " + Matrix.BULK_KEYS + " distinct keys.");
        }
        if (maxOperations < 1) {
            throw invalid("Invalid --max-operations " + maxOperations + ": use 1 or more.");
        }
        if (workerScript != null && !Files.isReadable(workerScript)) {
            throw invalid("Invalid --worker-script " + workerScript + ": the file does not exist or is not "
                    + "readable. Pass the path of a Worker ES module such as worker.js.");
        }

        if (!sorted.contains(Matrix.HIGH_CONCURRENCY)) {
            LOG.warn("--concurrency {} lacks {}, so the targets that compare clients at {} are not measured",
                    sorted, Matrix.HIGH_CONCURRENCY, Matrix.HIGH_CONCURRENCY);
        }
        Optional<Path> script = Optional.ofNullable(workerScript).map(Path::toAbsolutePath);
        return new SuiteOptions(jvmWarmup, warmup, duration, script, output, sorted, keys, maxOperations, !skipJmh,
                !skipWrk);
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
