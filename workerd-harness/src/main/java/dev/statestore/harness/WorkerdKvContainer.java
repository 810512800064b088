package dev.statestore.harness;

import dev.statestore.harness.config.EmulatorInstance;
import dev.statestore.harness.config.EmulatorPorts;
import dev.statestore.harness.config.EmulatorSettings;
import dev.statestore.harness.config.WorkerdConfig;
import dev.statestore.harness.control.KvControlClient;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.harness.runtime.Readiness;
import dev.statestore.harness.runtime.WorkerdBinary;
import dev.statestore.harness.runtime.WorkerdImage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.MountableFile;

/**
 * The emulator in a Testcontainers container: the pinned {@code workerd} in an image built locally
 * {@code FROM scratch}, on the host network, with its sockets bound to 127.0.0.1 on free ports.
 *
 * <pre>{@code
 * try (WorkerdKvContainer kv = new WorkerdKvContainer()) {
 *     kv.start();
 *     try (StateStore store = kv.openStateStore()) { ... }
 * }
 * }</pre>
 */
public class WorkerdKvContainer extends GenericContainer<WorkerdKvContainer> implements WorkerdKv {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerdKvContainer.class);
    private static final String CONFIG_PATH = "/config";

    private final EmulatorSettings settings = new EmulatorSettings();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final EmulatorInstance instance = new EmulatorInstance(settings);

    public WorkerdKvContainer() {
        this(WorkerdBinary.find());
    }

    /** Creates a container running {@code binary}, which must be a Linux build for this machine's libc. */
    public WorkerdKvContainer(Path binary) {
        super(WorkerdImage.ensure(binary));
        // The image exists only locally; asking a registry for it would send traffic off this machine.
        withImagePullPolicy(image -> false);
        withNetworkMode("host");
        withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("workerd")).withSeparateOutputStreams());
        waitingFor(new ReadyStrategy());
    }

    public WorkerdKvContainer withNamespaceId(String namespaceId) {
        settings.namespaceId(namespaceId);
        return self();
    }

    public WorkerdKvContainer withWorkerName(String workerName) {
        settings.workerName(workerName);
        return self();
    }

    public WorkerdKvContainer withKeyPair(Ed25519KeyPair keyPair) {
        settings.keyPair(keyPair);
        return self();
    }

    /**
     * Serves the Worker over HTTPS with a PEM certificate chain and its PEM private key; the control API stays
     * on plain HTTP.
     */
    public WorkerdKvContainer withTls(String certificateChainPem, String privateKeyPem) {
        settings.tls(certificateChainPem, privateKeyPem);
        return self();
    }

    /** Runs another Worker script instead of the bundled {@code worker.js}. */
    public WorkerdKvContainer withWorkerScript(Path script) {
        settings.workerScript(script);
        return self();
    }

    /** Keeps the simulated KV's data in {@code directory} on the host, so it survives a restart. */
    public WorkerdKvContainer withPersistence(Path directory) {
        settings.persistDirectory(directory);
        return self();
    }

    /** Serves a second simulated data centre, b, with its own Worker URL. */
    public WorkerdKvContainer withSecondDataCentre(Duration replicationDelay) {
        settings.secondDataCentre(true);
        settings.replicationDelay(replicationDelay);
        return self();
    }

    /** Uses fixed ports instead of free ones chosen at start. */
    public WorkerdKvContainer withPorts(EmulatorPorts fixedPorts) {
        instance.usePorts(fixedPorts);
        return self();
    }

    public WorkerdKvContainer withReadyTimeout(Duration timeout) {
        this.startupTimeout = timeout;
        return self();
    }

    @Override
    protected void configure() {
        if (!instance.hasPorts()) {
            instance.usePorts(EmulatorPorts.allocate(settings.secondDataCentre()));
        }
        instance.writeConfig("statestore-workerd-container-");
        withCopyToContainer(MountableFile.forHostPath(instance.configDirectory()), CONFIG_PATH);
        settings.persistDirectory().ifPresent(path ->
                withFileSystemBind(path.toString(), path.toString(), BindMode.READ_WRITE));
        withCommand("serve", CONFIG_PATH + "/" + WorkerdConfig.CONFIG_FILE, "--verbose");
        LOG.info("Starting workerd container for Worker '{}' on {} (control API on port {})",
                settings.workerName(), workerUrl(), instance.ports().control());
    }

    @Override
    protected void containerIsStarted(com.github.dockerjava.api.command.InspectContainerResponse containerInfo) {
        if (settings.secondDataCentre()) {
            instance.control().setReplicationDelay(settings.replicationDelay());
        }
        LOG.info("workerd container {} is ready: Worker {}", getContainerId().substring(0, 12), workerUrl());
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
    public void close() {
        try {
            stop();
        } finally {
            instance.deleteConfig();
        }
    }

    /** Waits until the Worker and the control API accept requests on the host network. */
    private final class ReadyStrategy extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            Readiness.await(workerUrl(), instance.control(), settings.instanceId(), startupTimeout, waitStrategyTarget::isRunning,
                    "workerd container");
        }
    }
}
