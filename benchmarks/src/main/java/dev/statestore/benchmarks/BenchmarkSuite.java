package dev.statestore.benchmarks;

import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.benchmarks.cpu.CpuSnapshot;
import dev.statestore.benchmarks.load.LoadDriver;
import dev.statestore.benchmarks.load.Measurement;
import dev.statestore.benchmarks.micro.MicroBenchmarks;
import dev.statestore.benchmarks.micro.MicroResult;
import dev.statestore.benchmarks.report.MachineInfo;
import dev.statestore.benchmarks.report.MarkdownReport;
import dev.statestore.benchmarks.report.RunSettings;
import dev.statestore.benchmarks.report.TargetCheck;
import dev.statestore.benchmarks.report.Targets;
import dev.statestore.benchmarks.report.ThroughputPlot;
import dev.statestore.benchmarks.workers.WorkerScripts;
import dev.statestore.benchmarks.wrk.Wrk;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.runtime.WorkerdBinary;
import dev.statestore.worker.WorkerScript;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.RunnerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole matrix on this machine, all on 127.0.0.1. The first workerd serves the Worker under test to
 * the provider, bulk, token reuse, HttpClient and wrk cells. Then two fresh ones serve that Worker and a copy
 * of it with authentication removed to wrk, and a last one serves a no-op Worker to HttpClient and wrk. Then
 * the suite runs JMH and writes the report.
 */
final class BenchmarkSuite {
    static final String REPORT_FILE = "results.md";
    static final String PLOT_FILE = "throughput.png";
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkSuite.class);
    private static final Duration BACKGROUND_WINDOW = Duration.ofSeconds(2);
    private static final double BUSY_MACHINE_PERCENT = 10;

    private final SuiteOptions options;
    private final List<Measurement> measurements = new ArrayList<>();

    BenchmarkSuite(SuiteOptions options) {
        this.options = options;
    }

    /** Runs everything and returns the Markdown report, which is also written to the output folder. */
    String run() throws InterruptedException, IOException, RunnerException {
        Instant started = Instant.now();
        Optional<Wrk> wrk = findWrk();
        MachineInfo machine = MachineInfo.collect(workerdVersion(),
                wrk.map(Wrk::version).orElse("wrk not used"));
        LOG.info("Benchmarking on {} ({} cores, {}), {}", machine.cpuModel(), machine.cores(), machine.memory(),
                machine.workerdVersion());
        LOG.info("About {} cells of {} warm-up and {} measured each", estimatedCells(wrk.isPresent()),
                LoadDriver.describe(options.warmup()), LoadDriver.describe(options.duration()));

        double background = measureBackgroundLoad();
        Path scratch = Files.createTempDirectory("statestore-bench-");
        try {
            measureWorkerUnderTest(wrk);
            if (wrk.isPresent()) {
                measureAuthenticationCost(wrk, scratch);
            }
            measureNoOpWorker(wrk, scratch);
        } finally {
            deleteTree(scratch);
        }
        List<MicroResult> micro = options.runJmh() ? MicroBenchmarks.run() : List.of();

        List<TargetCheck> targets = Targets.evaluate(measurements);
        RunSettings settings = new RunSettings(started, options.jvmWarmup(), options.warmup(), options.duration(),
                workerScriptLabel(), options.keysPerSize(), Duration.between(started, Instant.now()), background);
        return writeReport(settings, machine, targets, micro);
    }

    private void measureWorkerUnderTest(Optional<Wrk> wrk) throws InterruptedException {
        WorkerdKvProcess emulator = new WorkerdKvProcess();
        options.workerScript().ifPresent(emulator::withWorkerScript);
        try (emulator) {
            emulator.start();
            CpuMeter meter = new CpuMeter(emulator.pid());
            LoadDriver driver = driver(meter);
            try (StateStore store = emulator.openStateStore()) {
                ProviderCells provider = new ProviderCells(store, driver, options.concurrencies(),
                        options.keysPerSize(), measurements::add);
                provider.warmUpJvm(options.jvmWarmup(), meter);
                provider.runSingleKeyCells();
                provider.runBulkCells();
            }
            new TokenReuseCells(emulator, driver, options.keysPerSize(), measurements::add).run();

            CeilingCells ceilings = new CeilingCells(driver, wrk, meter, measurements::add);
            URI getUrl = CeilingCells.getUrl(emulator, new KeySpace(ValueSize.SMALL, options.keysPerSize()).key(0));
            ceilings.runHttpClient(Matrix.AUTHENTICATED_GET, getUrl, Optional.of(emulator), highestConcurrency());
            for (int concurrency : options.concurrencies()) {
                ceilings.runWrk(Matrix.WRK, Matrix.AUTHENTICATED_GET, getUrl, Optional.of(emulator), concurrency);
            }
        }
    }

    /**
     * Compares the Worker under test with a copy whose authentication is removed, each in a fresh workerd
     * started at the same time, with wrk at {@value Matrix#HIGH_CONCURRENCY} connections. The cells run in
     * the order A B B A (A authenticated), repeated, so that a trend in the machine's background load and the
     * order of the cells affect both sides alike.
     */
    private void measureAuthenticationCost(Optional<Wrk> wrk, Path scratch) throws InterruptedException,
            IOException {
        Optional<Path> script = writeScriptWithoutAuthentication(scratch);
        if (script.isEmpty()) {
            return;
        }
        WorkerdKvProcess authenticated = new WorkerdKvProcess();
        options.workerScript().ifPresent(authenticated::withWorkerScript);
        WorkerdKvProcess unauthenticated = new WorkerdKvProcess().withWorkerScript(script.get());
        try (authenticated; unauthenticated) {
            authenticated.start();
            unauthenticated.start();
            KeySpace keys = new KeySpace(ValueSize.SMALL, options.keysPerSize());
            for (WorkerdKvProcess emulator : List.of(authenticated, unauthenticated)) {
                try (StateStore store = emulator.openStateStore()) {
                    store.set(SetRequest.of(keys.key(0), keys.value()));
                }
            }
            CpuMeter authenticatedMeter = new CpuMeter(authenticated.pid());
            CpuMeter unauthenticatedMeter = new CpuMeter(unauthenticated.pid());
            CeilingCells withAuthentication = new CeilingCells(driver(authenticatedMeter), wrk, authenticatedMeter,
                    measurements::add);
            CeilingCells withoutAuthentication = new CeilingCells(driver(unauthenticatedMeter), wrk,
                    unauthenticatedMeter, measurements::add);
            URI authenticatedUrl = CeilingCells.getUrl(authenticated, keys.key(0));
            URI unauthenticatedUrl = CeilingCells.getUrl(unauthenticated, keys.key(0));

            int high = Matrix.HIGH_CONCURRENCY;
            for (int round = 0; round < Matrix.AUTHENTICATION_ROUNDS; round++) {
                boolean authenticatedFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == authenticatedFirst) {
                        withAuthentication.runWrk(Matrix.WRK_AUTHENTICATION_PAIR, Matrix.AUTHENTICATED_GET,
                                authenticatedUrl, Optional.of(authenticated), high);
                    } else {
                        withoutAuthentication.runWrk(Matrix.WRK_AUTHENTICATION_PAIR, Matrix.UNAUTHENTICATED_GET,
                                unauthenticatedUrl, Optional.empty(), high);
                    }
                }
            }
        }
    }

    private Optional<Path> writeScriptWithoutAuthentication(Path scratch) throws IOException {
        String source = options.workerScript().isPresent()
                ? Files.readString(options.workerScript().get(), StandardCharsets.UTF_8)
                : WorkerScript.source();
        try {
            String changed = WorkerScripts.withoutAuthentication(source, workerScriptLabel());
            return Optional.of(WorkerScripts.write(scratch, "worker-without-auth.js", changed));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping the cells without authentication: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private void measureNoOpWorker(Optional<Wrk> wrk, Path scratch) throws InterruptedException {
        Path script = WorkerScripts.write(scratch, "no-op-worker.js",
                WorkerScripts.noOpWorker(ValueSize.SMALL.bytes()));
        WorkerdKvProcess emulator = new WorkerdKvProcess().withWorkerScript(script);
        try (emulator) {
            emulator.start();
            CpuMeter meter = new CpuMeter(emulator.pid());
            CeilingCells ceilings = new CeilingCells(driver(meter), wrk, meter, measurements::add);
            URI url = emulator.workerUrl().resolve("/no-op");
            for (int concurrency : options.concurrencies()) {
                ceilings.runHttpClient(Matrix.NO_OP, url, Optional.empty(), concurrency);
                ceilings.runWrk(Matrix.WRK, Matrix.NO_OP, url, Optional.empty(), concurrency);
            }
        }
    }

    private String writeReport(RunSettings settings, MachineInfo machine, List<TargetCheck> targets,
            List<MicroResult> micro) throws IOException {
        Files.createDirectories(options.outputDirectory());
        Path plot = options.outputDirectory().resolve(PLOT_FILE);
        int lines = ThroughputPlot.write(measurements, plot);
        String report = MarkdownReport.render(settings, machine, measurements, targets, micro, PLOT_FILE);
        Path reportFile = options.outputDirectory().resolve(REPORT_FILE);
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);
        LOG.info("Wrote {} and {} ({} lines) after {}", reportFile.toAbsolutePath(), plot.toAbsolutePath(), lines,
                LoadDriver.describe(settings.elapsed()));
        for (TargetCheck check : targets) {
            LOG.info("Target {}: {} (required {}, measured {})", check.verdict(), check.target(),
                    String.format("%.2f", check.required()), String.format("%.2f", check.ratio()));
        }
        return report;
    }

    /**
     * Returns the busy share of all cores over {@link #BACKGROUND_WINDOW} while this run does nothing, and warns
     * when other processes would disturb the figures.
     */
    private static double measureBackgroundLoad() throws InterruptedException {
        CpuMeter meter = CpuMeter.withoutWorkerd();
        CpuSnapshot before = meter.snapshot();
        // A measurement window, not a wait for an event: the machine is sampled while this run stays idle.
        Thread.sleep(BACKGROUND_WINDOW.toMillis());
        CpuSnapshot after = meter.snapshot();
        double busy = CpuMeter.usage(before, after, 1, false).machinePercent();
        if (busy > BUSY_MACHINE_PERCENT) {
            LOG.warn("Other processes keep {}% of all cores busy before the run; the figures will be lower and "
                    + "noisier than on an idle machine", String.format("%.0f", busy));
        } else {
            LOG.info("Other processes keep {}% of all cores busy before the run", String.format("%.0f", busy));
        }
        return busy;
    }

    private LoadDriver driver(CpuMeter meter) {
        return new LoadDriver(options.warmup(), options.duration(), options.maxOperations(), meter);
    }

    private int highestConcurrency() {
        return options.concurrencies().get(options.concurrencies().size() - 1);
    }

    private int estimatedCells(boolean withWrk) {
        int levels = options.concurrencies().size();
        int cells = 3 * 2 * 2 * levels + 4 + 2 + 1 + levels;
        return withWrk ? cells + 2 * levels + 2 * Matrix.AUTHENTICATION_ROUNDS : cells;
    }

    private String workerScriptLabel() {
        return options.workerScript().map(Path::toString).orElse("bundled worker.js (version "
                + WorkerScript.version() + ")");
    }

    private Optional<Wrk> findWrk() {
        if (!options.runWrk()) {
            LOG.info("Skipping the wrk cells (--skip-wrk)");
            return Optional.empty();
        }
        Optional<Wrk> wrk = Wrk.find().map(path -> new Wrk(path, options.warmup(), options.duration()));
        if (wrk.isEmpty()) {
            LOG.warn("wrk is not on the PATH, so the wrk cells and two targets are skipped; install it with "
                    + "'apt-get install wrk'");
        }
        return wrk;
    }

    private static String workerdVersion() {
        Path binary = WorkerdBinary.find();
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return output.isEmpty() ? "workerd (version unknown)" : output;
        } catch (IOException e) {
            return "workerd (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "workerd (version unknown)";
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary folder {}: {}", directory, e.toString());
        }
    }
}
