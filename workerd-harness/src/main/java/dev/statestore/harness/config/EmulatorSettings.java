package dev.statestore.harness.config;

import dev.statestore.harness.keys.Ed25519KeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of a local Workers KV emulator: the Worker script, its name and key, the namespace and the
 * options of the simulated KV. Mutable while a runtime is configured, read once when it starts.
 */
public final class EmulatorSettings {
    public static final String DEFAULT_NAMESPACE_ID = "0f2ac74b498b48028cb68387c421e279";
    public static final String DEFAULT_WORKER_NAME = "statestore-local";

    private String namespaceId = DEFAULT_NAMESPACE_ID;
    private String workerName = DEFAULT_WORKER_NAME;
    private Ed25519KeyPair keyPair;
    private String publicKeyPem;
    private Path workerScript;
    private Path persistDirectory;
    private boolean secondDataCentre;
    private Duration replicationDelay = Duration.ZERO;
    private String host = "127.0.0.1";
    private final String instanceId = java.util.UUID.randomUUID().toString();
    private String tlsCertificateChainPem;
    private String tlsPrivateKeyPem;

    public String namespaceId() {
        return namespaceId;
    }

    public void namespaceId(String value) {
        this.namespaceId = Objects.requireNonNull(value, "namespaceId");
    }

    public String workerName() {
        return workerName;
    }

    public void workerName(String value) {
        this.workerName = Objects.requireNonNull(value, "workerName");
    }

    /**
     * Returns the key pair, generating one on first use. Throws when only a public key was configured, because
     * then there is no private key to sign tokens with.
     */
    public synchronized Ed25519KeyPair keyPair() {
        if (keyPair == null && publicKeyPem != null) {
            throw new IllegalStateException("This emulator was configured with a public key alone, so it has no "
                    + "private key: sign tokens with the private key that belongs to that public key.");
        }
        if (keyPair == null) {
            keyPair = Ed25519KeyPair.generate();
        }
        return keyPair;
    }

    public synchronized void keyPair(Ed25519KeyPair value) {
        this.keyPair = Objects.requireNonNull(value, "keyPair");
        this.publicKeyPem = null;
    }

    /** Returns the PEM (SPKI) public key the Worker verifies tokens with, the PUBLIC_KEY binding. */
    public synchronized String publicKeyPem() {
        return publicKeyPem != null ? publicKeyPem : keyPair().publicKeyPem();
    }

    /**
     * Sets the Worker's public key without a private key, as a deployment that only received the PUBLIC_KEY
     * binding has it. Replaces a configured key pair.
     */
    public synchronized void publicKeyPem(String value) {
        this.publicKeyPem = Objects.requireNonNull(value, "publicKeyPem");
        this.keyPair = null;
    }

    /** Returns the Worker script to run instead of the bundled {@code worker.js}, if any. */
    public Optional<Path> workerScript() {
        return Optional.ofNullable(workerScript);
    }

    public void workerScript(Path value) {
        this.workerScript = value;
    }

    /** Returns the folder where the simulated KV keeps its data across restarts, if any. */
    public Optional<Path> persistDirectory() {
        return Optional.ofNullable(persistDirectory);
    }

    public void persistDirectory(Path value) {
        this.persistDirectory = value == null ? null : value.toAbsolutePath();
    }

    public boolean secondDataCentre() {
        return secondDataCentre;
    }

    public void secondDataCentre(boolean value) {
        this.secondDataCentre = value;
    }

    public Duration replicationDelay() {
        return replicationDelay;
    }

    public void replicationDelay(Duration value) {
        this.replicationDelay = Objects.requireNonNull(value, "replicationDelay");
    }

    /** Tells whether the Worker sockets serve HTTPS. */
    public boolean tls() {
        return tlsCertificateChainPem != null;
    }

    /** Returns the PEM certificate chain of the Worker sockets, when they serve HTTPS. */
    public Optional<String> tlsCertificateChainPem() {
        return Optional.ofNullable(tlsCertificateChainPem);
    }

    /** Returns the PEM private key of the Worker sockets' certificate, when they serve HTTPS; never log it. */
    public Optional<String> tlsPrivateKeyPem() {
        return Optional.ofNullable(tlsPrivateKeyPem);
    }

    /** Serves the Worker over HTTPS with this certificate chain and its private key (both PEM). */
    public void tls(String certificateChainPem, String privateKeyPem) {
        this.tlsCertificateChainPem = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        this.tlsPrivateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    /**
     * Returns a random ID that this emulator's control API reports on its health route, so that readiness
     * checks do not mistake another emulator on the same port for this one.
     */
    public String instanceId() {
        return instanceId;
    }

    /** Returns the loopback address the sockets listen on. */
    public String host() {
        return host;
    }

    public void host(String value) {
        this.host = Objects.requireNonNull(value, "host");
    }
}
