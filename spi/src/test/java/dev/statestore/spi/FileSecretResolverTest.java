package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretResolverTest {

    @Test
    void jsonSecretsResolveFlatAndNested(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("secrets.json"),
                "{\"API_TOKEN\": \"flat-value\", \"db\": {\"password\": \"nested-value\"}}");
        FileSecretResolver resolver = new FileSecretResolver(file);

        assertEquals(Optional.of("flat-value"), resolver.resolve(null, "API_TOKEN", null));
        assertEquals(Optional.of("nested-value"), resolver.resolve(null, "db", "password"));
        assertEquals(Optional.of("nested-value"), resolver.resolve(null, "db:password", null));
        assertEquals(Optional.empty(), resolver.resolve(null, "missing", null));
    }

    @Test
    void yamlSecretsResolve(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("secrets.yaml"), "db:\n  password: from-yaml\n");
        assertEquals(Optional.of("from-yaml"), new FileSecretResolver(file).resolve(null, "db", "password"));
    }

    @Test
    void toStringHidesValues(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("secrets.json"), "{\"k\": \"super-secret-value\"}");
        String text = new FileSecretResolver(file).toString();
        assertFalse(text.contains("super-secret-value"), text);
        assertTrue(text.contains("secrets=1"), text);
    }

    @Test
    void invalidFileIsReported(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("secrets.json"), "[1, 2]");
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> new FileSecretResolver(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertThrows(InvalidComponentException.class, () -> new FileSecretResolver(directory.resolve("absent.json")));
    }

    @Test
    void componentFileUsesConfiguredSecretsFile(@TempDir Path directory) throws Exception {
        Path secrets = Files.writeString(directory.resolve("secrets.yaml"), "store:\n  prefix: tenant-x\n");
        Path component = Files.writeString(directory.resolve("component.yaml"), """
                apiVersion: dapr.io/v1alpha1
                kind: Component
                metadata:
                  name: statestore
                spec:
                  type: state.in-memory
                  metadata:
                    - name: keyPrefix
                      secretKeyRef:
                        name: store
                        key: prefix
                """);
        System.setProperty(FileSecretResolver.PROPERTY, secrets.toString());
        try (StateStore store = StateStores.open(component)) {
            store.set("k", new byte[] {1});
            assertEquals(java.util.List.of("k"), store.listKeys("", null, 10).keys());
            assertTrue(store.toString().contains("tenant-x||"), store.toString());
        } finally {
            System.clearProperty(FileSecretResolver.PROPERTY);
        }
    }
}
