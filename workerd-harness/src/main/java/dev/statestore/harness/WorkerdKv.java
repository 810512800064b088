package dev.statestore.harness;

import dev.statestore.api.StateStore;
import dev.statestore.harness.control.KvControlClient;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.spi.StateStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running local Workers KV emulator: {@code worker.js} in {@code workerd} in front of the simulated KV, in a
 * process ({@link WorkerdKvProcess}) or a container ({@link WorkerdKvContainer}). Gives a test what a client
 * needs: the Worker URL, component metadata with a matching key, a ready {@link StateStore} and the control
 * client.
 */
public interface WorkerdKv extends AutoCloseable {
    String WORKERS_KV_TYPE = "state.cloudflare.workerskv";

    /** Starts workerd and waits until the Worker and the control API accept requests. */
    void start();

    /** Stops workerd; leaves no process or container behind. */
    @Override
    void close();

    /** Returns the URL of the Worker in data centre a. */
    URI workerUrl();

    /** Returns the URL of the Worker in data centre {@code a} or {@code b}. */
    URI workerUrl(String dataCentre);

    String namespaceId();

    String workerName();

    Ed25519KeyPair keyPair();

    /** Returns the client of the simulated KV's control API. */
    KvControlClient control();

    /** Returns the metadata of a {@code state.cloudflare.workerskv} component that talks to this emulator. */
    default Map<String, String> componentMetadata() {
        return componentMetadata("a");
    }

    /** Returns component metadata for the Worker of one data centre. */
    default Map<String, String> componentMetadata(String dataCentre) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("kvNamespaceID", namespaceId());
        metadata.put("workerName", workerName());
        metadata.put("workerUrl", workerUrl(dataCentre).toString());
        metadata.put("key", keyPair().privateKeyPem());
        return metadata;
    }

    /** Opens a state store on this emulator through {@link StateStores}, as an application would. */
    default StateStore openStateStore() {
        return StateStores.create(WORKERS_KV_TYPE, componentMetadata());
    }

    /** Writes a Dapr component file for this emulator and returns its path. The file contains the private key. */
    default Path writeComponentFile(Path file, String componentName) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, ComponentYaml.render(componentName, WORKERS_KV_TYPE, componentMetadata()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the component file " + file, e);
        }
    }
}
