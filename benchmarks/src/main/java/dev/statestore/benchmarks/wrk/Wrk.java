package dev.statestore.benchmarks.wrk;

import dev.statestore.benchmarks.cpu.CpuMeter;
import dev.statestore.benchmarks.cpu.CpuSnapshot;
import dev.statestore.benchmarks.cpu.CpuUsage;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HTTP load generator wrk (Debian package {@code wrk}) against one URL: a warm-up run whose results
 * are dropped, then a measured run. A bearer token goes into a Lua script that only the current user can
 * read and that is deleted afterwards, so it never appears on a command line or in a log. wrk takes whole
 * seconds, so both runs are rounded up to whole seconds.
 */
public final class Wrk {
    private static final Logger LOG = LoggerFactory.getLogger(Wrk.class);
    /** Extra time a wrk run may take beyond its duration before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final int MAX_THREADS = 2;

    private final Path executable;
    private final Duration warmup;
    private final Duration duration;

    public Wrk(Path executable, Duration warmup, Duration duration) {
        this.executable = executable;
        this.warmup = warmup;
        this.duration = duration;
    }

    /** Returns the wrk executable on the {@code PATH}, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns the first line of {@code wrk -v}, such as {@code wrk debian/4.1.0-3+b2 [epoll] …}. */
    public String version() {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-v").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            String firstLine = output.lines().findFirst().orElse("unknown");
            int copyright = firstLine.indexOf(" Copyright");
            return (copyright > 0 ? firstLine.substring(0, copyright) : firstLine).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Measures GET requests to {@code url} over {@code cell.concurrency()} connections, with
     * {@code Authorization: Bearer <token>} when a token is given. {@code cpuMeter} attributes workerd's CPU
     * time, and wrk's own CPU time is read from this JVM's reaped children.
     */
    public Measurement run(Cell cell, URI url, Optional<String> bearerToken, CpuMeter cpuMeter)
            throws InterruptedException {
        Path directory = createPrivateDirectory();
        try {
            Path script = directory.resolve("statestore-wrk.lua");
            Files.writeString(script, luaScript(bearerToken), StandardCharsets.UTF_8);

            LOG.info("Running {} for {} s after {} s warm-up: wrk -c {} {}", cell.describe(), wholeSeconds(duration),
                    warmup.isZero() ? 0 : wholeSeconds(warmup), cell.concurrency(), url);
            if (!warmup.isZero()) {
                runOnce(cell, url, script, warmup);
            }
            CpuSnapshot before = cpuMeter.snapshot();
            WrkSummary summary = runOnce(cell, url, script, duration);
            CpuSnapshot after = cpuMeter.snapshot();

            Measurement measurement = toMeasurement(cell, summary, CpuMeter.usage(before, after, summary.successes(),
                    true));
            if (measurement.errors() > 0) {
                LOG.warn("{} of {} wrk requests failed in {}", measurement.errors(), summary.requests()
                        + summary.socketErrors(), cell.describe());
            }
            LOG.info("  {}", measurement.summary());
            return measurement;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the wrk script in " + directory, e);
        } finally {
            deleteDirectory(directory);
        }
    }

    static Measurement toMeasurement(Cell cell, WrkSummary summary, CpuUsage cpu) {
        return new Measurement(cell, summary.successes(), summary.statusErrors() + summary.socketErrors(),
                summary.durationMicros() / 1e6, summary.p50Micros() / 1e3, summary.p99Micros() / 1e3,
                cpu.clientMicrosPerOp(), cpu.workerdMicrosPerOp(), cpu.machinePercent(), cpu.otherPercent());
    }

    /** Returns the Lua script: the optional Authorization header and a done hook that prints the summary. */
    static String luaScript(Optional<String> bearerToken) {
        StringBuilder lua = new StringBuilder("-- Written by the statestore benchmarks for one run, then deleted.\n");
        bearerToken.ifPresent(token -> {
            if (!token.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("The bearer token is not a compact JWT (base64url parts "
                        + "separated by dots), so it cannot go into the wrk script.");
            }
            lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n");
        });
        lua.append("done = function(summary, latency, requests)\n")
                .append("  local e = summary.errors\n")
                .append("  io.write(string.format(\"").append(WrkSummary.MARKER)
                .append(" requests=%.0f duration_us=%.0f status_errors=%.0f socket_errors=%.0f p50_us=%.0f ")
                .append("p99_us=%.0f\\n\",\n")
                .append("    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,\n")
                .append("    latency:percentile(50), latency:percentile(99)))\n")
                .append("end\n");
        return lua.toString();
    }

    private WrkSummary runOnce(Cell cell, URI url, Path script, Duration length) throws InterruptedException {
        int connections = cell.concurrency();
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "-t", Integer.toString(Math.min(MAX_THREADS, connections)),
                "-c", Integer.toString(connections),
                "-d", wholeSeconds(length) + "s",
                "--timeout", "10s",
                "-s", script.toString(),
                url.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable + "; install it with 'apt-get install wrk'",
                    e);
        }
        OutputCollector output = OutputCollector.start(process);
        long limitSeconds = wholeSeconds(length) + GRACE.toSeconds();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("wrk did not finish " + cell.describe() + " within " + limitSeconds
                    + " s and was killed.");
        }
        String text = output.await();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed with exit code " + process.exitValue() + " in "
                    + cell.describe() + ":\n" + text);
        }
        return WrkSummary.parse(text);
    }

    private static long wholeSeconds(Duration length) {
        long seconds = length.toSeconds() + (length.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static Path createPrivateDirectory() {
        try {
            return Files.createTempDirectory("statestore-wrk-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the wrk script", e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try (var paths = Files.list(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.warn("Cannot delete the wrk script folder {}: {}", directory, e.toString());
        }
    }
}
