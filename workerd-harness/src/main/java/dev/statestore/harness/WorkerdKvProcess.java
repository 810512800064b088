package dev.statestore.harness;

import dev.statestore.harness.config.EmulatorInstance;
import dev.statestore.harness.config.EmulatorPorts;
import dev.statestore.harness.config.EmulatorSettings;
import dev.statestore.harness.control.KvControlClient;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.harness.runtime.Readiness;
import dev.statestore.harness.runtime.WorkerdBinary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator as a plain {@code workerd} process on this machine: no Docker needed. Configure it with the
 * {@code withX} methods, then {@link #start()}; {@link #close()} stops the process and deletes its
 * configuration folder. Instances are independent and may run in parallel.
 */
public final class WorkerdKvProcess implements WorkerdKv {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerdKvProcess.class);
    private static final Logger WORKERD_LOG = LoggerFactory.getLogger("workerd");

    /** Attempts to start when another process takes one of the chosen ports first. */
    private static final int MAX_START_ATTEMPTS = 5;

    private final EmulatorSettings settings = new EmulatorSettings();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final EmulatorInstance instance = new EmulatorInstance(settings);
    private Process process;
    private Thread shutdownHook;

    public WorkerdKvProcess withNamespaceId(String namespaceId) {
        settings.namespaceId(namespaceId);
        return this;
    }

    public WorkerdKvProcess withWorkerName(String workerName) {
        settings.workerName(workerName);
        return this;
    }

    public WorkerdKvProcess withKeyPair(Ed25519KeyPair keyPair) {
        settings.keyPair(keyPair);
        return this;
    }

    /**
     * Gives the Worker this PEM (SPKI) public key without a private key; {@link #keyPair()} then throws. For a
     * Worker deployed from an upload, which carries only the public key.
     */
    public WorkerdKvProcess withPublicKey(String publicKeyPem) {
        settings.publicKeyPem(publicKeyPem);
        return this;
    }

    /**
     * Serves the Worker over HTTPS with a PEM certificate chain and its PEM private key; the control API stays
     * on plain HTTP.
     */
    public WorkerdKvProcess withTls(String certificateChainPem, String privateKeyPem) {
        settings.tls(certificateChainPem, privateKeyPem);
        return this;
    }

    /** Runs another Worker script instead of the bundled {@code worker.js}. */
    public WorkerdKvProcess withWorkerScript(Path script) {
        settings.workerScript(script);
        return this;
    }

    /** Keeps the simulated KV's data in {@code directory}, so it survives a restart. */
    public WorkerdKvProcess withPersistence(Path directory) {
        settings.persistDirectory(directory);
        return this;
    }

    /** Serves a second simulated data centre, b, with its own Worker URL. */
    public WorkerdKvProcess withSecondDataCentre(Duration replicationDelay) {
        settings.secondDataCentre(true);
        settings.replicationDelay(replicationDelay);
        return this;
    }

    /** Uses fixed ports instead of free ones chosen at start. */
    public WorkerdKvProcess withPorts(EmulatorPorts fixedPorts) {
        instance.usePorts(fixedPorts);
        return this;
    }

    public WorkerdKvProcess withStartupTimeout(Duration timeout) {
        this.startupTimeout = timeout;
        return this;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("This workerd process is already started.");
        }
        boolean fixedPorts = instance.hasPorts();
        for (int attempt = 1; ; attempt++) {
            if (!fixedPorts) {
                instance.usePorts(EmulatorPorts.allocate(settings.secondDataCentre()));
            }
            try {
                startOnce();
                return;
            } catch (PortInUseException e) {
                if (attempt == MAX_START_ATTEMPTS) {
                    throw new IllegalStateException("workerd cannot bind its ports: " + e.getMessage()
                            + ". Gave up after " + attempt + " attempts; free the port or choose another.", e);
                }
                LOG.info("workerd could not bind its ports ({}); starting again (attempt {} of {})",
                        e.getMessage(), attempt + 1, MAX_START_ATTEMPTS);
                if (fixedPorts) {
                    // A fixed port held by a process that is just exiting is freed within moments.
                    pause(Duration.ofMillis(200L * attempt));
                }
            }
        }
    }

    private void startOnce() {
        Path binary = WorkerdBinary.find();
        Path config = instance.writeConfig("statestore-workerd-");

        LOG.info("Starting workerd {} for Worker '{}' on {} (control API on port {})", binary,
                settings.workerName(), workerUrl(), instance.ports().control());
        try {
            process = new ProcessBuilder(binary.toString(), "serve", config.getFileName().toString(), "--verbose")
                    .directory(instance.configDirectory().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            instance.deleteConfig();
            throw new UncheckedIOException("Cannot start workerd from " + binary, e);
        }
        shutdownHook = new Thread(this::stopProcess, "workerd-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        RecentOutput output = pumpOutput(process);
        try {
            Readiness.await(workerUrl(), instance.control(), settings.instanceId(), startupTimeout, process::isAlive, "workerd (pid " + process.pid() + ")");
        } catch (RuntimeException e) {
            Process failed = process;
            close();
            String lines = output.awaitEnd(failed);
            if (lines.contains("Address already in use")) {
                throw new PortInUseException(instance.ports().describeTaken());
            }
            throw new IllegalStateException(e.getMessage() + (lines.isEmpty() ? "" : " Last output of workerd:\n" + lines), e);
        }
        if (settings.secondDataCentre()) {
            instance.control().setReplicationDelay(settings.replicationDelay());
        }
        LOG.info("workerd (pid {}) is ready: Worker {}", process.pid(), workerUrl());
    }

    /** Stops and starts workerd again on the same ports, keeping persisted data; for restart tests. */
    public synchronized void restart() {
        stopProcess();
        process = null;
        instance.deleteConfig();
        if (shutdownHook != null) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            shutdownHook = null;
        }
        start();
    }

    /** Kills workerd abruptly, as a crash would; {@link #restart()} brings it back. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
    }

    @Override
    public synchronized void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, and the hook is running or has run.
            }
            shutdownHook = null;
        }
        instance.deleteConfig();
        process = null;
    }

    /** Returns the process ID, or -1 when not started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public URI workerUrl() {
        return workerUrl("a");
    }

    @Override
    public URI workerUrl(String dataCentre) {
        return instance.workerUrl(dataCentre);
    }

    @Override
    public String namespaceId() {
        return settings.namespaceId();
    }

    @Override
    public String workerName() {
        return settings.workerName();
    }

    @Override
    public Ed25519KeyPair keyPair() {
        return settings.keyPair();
    }

    @Override
    public KvControlClient control() {
        return instance.control();
    }

    @Override
    public String toString() {
        return "WorkerdKvProcess{pid=" + pid() + ", worker=" + (instance.hasPorts() ? workerUrl() : "not started") + "}";
    }

    private void stopProcess() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        LOG.info("Stopping workerd (pid {})", running.pid());
        running.destroy();
        if (!waitFor(running, Duration.ofSeconds(10))) {
            running.destroyForcibly();
            waitFor(running, Duration.ofSeconds(10));
        }
    }

    private static boolean waitFor(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RecentOutput pumpOutput(Process running) {
        RecentOutput output = new RecentOutput();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    WORKERD_LOG.debug("[pid {}] {}", running.pid(), line);
                    output.add(line);
                }
            } catch (IOException e) {
                WORKERD_LOG.debug("Output of workerd pid {} ended: {}", running.pid(), e.toString());
            } finally {
                output.end();
            }
        }, "workerd-output-" + running.pid());
        pump.setDaemon(true);
        pump.start();
        return output;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to start workerd again", e);
        }
    }

    /** The last lines workerd printed, kept so that a failed start can report them. */
    private static final class RecentOutput {
        private static final int MAX_LINES = 30;
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        synchronized void add(String line) {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        void end() {
            ended.countDown();
        }

        /** Waits briefly for the output of a stopped process to end, then returns its last lines. */
        String awaitEnd(Process stopped) {
            try {
                stopped.waitFor(5, TimeUnit.SECONDS);
                ended.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                return String.join("\n", lines);
            }
        }
    }

    /** workerd exited at start-up because one of its ports was taken. */
    private static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message) {
            super(message);
        }
    }
}
