package dev.statestore.harness.cloudflare;

import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.config.EmulatorPorts;
import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the fake's one Worker in a local workerd on fixed loopback ports, so the Worker URL stays the same across
 * deploys. Each deploy stops workerd and starts it with the new script and bindings. The simulated KV persists to
 * a folder that lives as long as this host, so KV data survives a redeploy as it does on Cloudflare.
 * Not thread-safe: {@link FakeCloudflareApi} calls it under its lock.
 */
final class WorkerHost implements AutoCloseable {
    private final Path directory;
    private final Path persistDirectory;
    private final EmulatorPorts ports;
    private final String tlsCertificateChainPem;
    private final String tlsPrivateKeyPem;
    private WorkerdKvProcess process;
    private WorkerDeployment running;
    private int scriptCount;

    /**
     * @param tlsCertificateChainPem the PEM certificate chain to serve the Worker over HTTPS with, or null for HTTP
     * @param tlsPrivateKeyPem the PEM private key of that certificate, or null for HTTP
     */
    WorkerHost(String tlsCertificateChainPem, String tlsPrivateKeyPem) {
        this.tlsCertificateChainPem = tlsCertificateChainPem;
        this.tlsPrivateKeyPem = tlsPrivateKeyPem;
        try {
            directory = Files.createTempDirectory("statestore-fake-cloudflare-");
            persistDirectory = Files.createDirectories(directory.resolve("kv"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for the fake Cloudflare API's Worker", e);
        }
        ports = EmulatorPorts.allocate(false);
    }

    /** Returns the Worker URL, which no deploy changes. */
    URI workerUrl() {
        return URI.create((tlsCertificateChainPem == null ? "http" : "https") + "://127.0.0.1:" + ports.workerA());
    }

    /** Returns what runs now, empty when no Worker runs. */
    Optional<WorkerDeployment> running() {
        return Optional.ofNullable(running);
    }

    /** Returns the control client of the simulated KV of the running Worker's namespace. */
    KvControlClient control() {
        if (process == null) {
            throw new IllegalStateException("No Worker runs: deploy one first (upload it through the API, or call "
                    + "deployWorker).");
        }
        return process.control();
    }

    /**
     * Replaces the running Worker with {@code deployment} and waits until it accepts requests. Throws
     * {@link IllegalStateException} when workerd does not start, for example on a syntax error in the script.
     * NOTE: workerd runs the script with the bundled worker.js compatibility date, whatever date was uploaded.
     */
    void run(WorkerDeployment deployment) {
        stop();
        Path script = directory.resolve("script-" + (++scriptCount) + ".js");
        try {
            Files.writeString(script, deployment.script());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the uploaded script to " + script, e);
        }
        WorkerdKvProcess next = new WorkerdKvProcess()
                .withPorts(ports)
                .withPersistence(persistDirectory)
                .withWorkerScript(script)
                .withNamespaceId(deployment.namespaceId())
                .withWorkerName(deployment.tokenAudience())
                .withPublicKey(deployment.publicKeyPem());
        if (tlsCertificateChainPem != null) {
            next.withTls(tlsCertificateChainPem, tlsPrivateKeyPem);
        }
        next.start();
        process = next;
        running = deployment;
    }

    /** Stops the running Worker, if any; the KV data stays. */
    void stop() {
        if (process != null) {
            process.close();
            process = null;
            running = null;
        }
    }

    /** Stops the Worker and deletes the scripts and the KV data. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the fake Cloudflare API's folder " + directory, e);
        }
    }
}
