package dev.statestore.harness.config;

import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state both runtimes share once an emulator is prepared: its ports, the folder with its workerd
 * configuration, and the control client. Not thread-safe; the runtimes call it under their own locks.
 */
public final class EmulatorInstance {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorInstance.class);

    private final EmulatorSettings settings;
    private EmulatorPorts ports;
    private Path configDirectory;
    private KvControlClient control;

    public EmulatorInstance(EmulatorSettings settings) {
        this.settings = settings;
    }

    /** Returns the emulator's settings. */
    public EmulatorSettings settings() {
        return settings;
    }

    /** Tells whether ports were chosen, by the caller or at an earlier start. */
    public boolean hasPorts() {
        return ports != null;
    }

    public EmulatorPorts ports() {
        return ports;
    }

    public void usePorts(EmulatorPorts value) {
        this.ports = value;
    }

    /**
     * Writes the workerd configuration for the current ports into a new temporary folder, creates the control
     * client, and returns the path of {@code config.capnp}.
     */
    public Path writeConfig(String folderPrefix) {
        try {
            configDirectory = Files.createTempDirectory(folderPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for the workerd configuration", e);
        }
        Path config = WorkerdConfig.write(configDirectory, settings, ports);
        control = new KvControlClient(URI.create("http://" + settings.host() + ":" + ports.control()),
                settings.namespaceId());
        return config;
    }

    /** Returns the folder of the current configuration, or null before {@link #writeConfig}. */
    public Path configDirectory() {
        return configDirectory;
    }

    /** Deletes the configuration folder, if there is one. */
    public void deleteConfig() {
        if (configDirectory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(configDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete the workerd configuration folder {}: {}", configDirectory, e.toString());
        }
        configDirectory = null;
    }

    /** Returns the URL of the Worker of data centre {@code a} or {@code b}. */
    public URI workerUrl(String dataCentre) {
        if (ports == null) {
            throw new IllegalStateException("Start the emulator before asking for its URL.");
        }
        return ports.workerUrl(settings, dataCentre);
    }

    public KvControlClient control() {
        if (control == null) {
            throw new IllegalStateException("Start the emulator before asking for its control client.");
        }
        return control;
    }
}
