package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentFilesTest {
    private static final EnvironmentSecretResolver ENVIRONMENT = new EnvironmentSecretResolver(Map.of(
            "WORKER_TOKEN", "token-from-key-61c2",
            "API_TOKEN", "token-from-name-93ab",
            "vault-entry", "token-from-entry-name-0d4e",
            "ORDERS_APP_ID", "orders"));

    private static Component readOne(String name) {
        List<Component> components = ComponentFiles.read(TestComponents.path(name), List.of(ENVIRONMENT));
        assertEquals(1, components.size());
        return components.get(0);
    }

    private static InvalidComponentException readInvalid(String name) {
        Path file = TestComponents.path("invalid/" + name);
        return assertThrows(InvalidComponentException.class, () -> ComponentFiles.read(file, List.of(ENVIRONMENT)));
    }

    private static void assertNamesFileAndField(InvalidComponentException error, String file, String field) {
        String message = error.getMessage();
        assertTrue(message.contains(TestComponents.path("invalid/" + file).toString()), message);
        assertTrue(message.contains(field), message);
    }

    @Test
    void readsHeaderFields() {
        Component component = readOne("orders.yaml");

        assertEquals("orders-store", component.name());
        assertEquals("state.in-memory", component.type());
        assertEquals("v1", component.version());
        assertEquals(Optional.of(TestComponents.path("orders.yaml")), component.source());
    }

    @Test
    void readsInitTimeoutMinutesAndSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), readOne("orders.yaml").initTimeout());
    }

    @Test
    void readsInitTimeoutSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), readOne("values.yaml").initTimeout());
    }

    @Test
    void defaultsWhenOptionalFieldsAbsent() {
        Component component = readOne("plain.yaml");

        assertEquals("v1", component.version());
        assertEquals(Optional.empty(), component.initTimeout());
        assertEquals(Map.of(), component.metadata());
    }

    @Test
    void readsScalarValuesAsText() {
        Map<String, String> metadata = readOne("values.yaml").metadata();

        assertEquals("hello", metadata.get("text"));
        assertEquals("42", metadata.get("number"));
        assertEquals("true", metadata.get("flag"));
        assertEquals("", metadata.get("empty"));
    }

    @Test
    void secretKeyRefPrefersKey() {
        assertEquals("token-from-key-61c2", readOne("values.yaml").metadata().get("fromKey"));
    }

    @Test
    void secretKeyRefFallsBackToName() {
        assertEquals("token-from-name-93ab", readOne("values.yaml").metadata().get("fromName"));
    }

    @Test
    void secretKeyRefForAppId() {
        assertEquals("orders", readOne("orders.yaml").metadata().get("appID"));
    }

    @Test
    void resolversAskedInOrderWithSecretStore() {
        List<String> calls = new ArrayList<>();
        SecretResolver recording = (secretStore, name, key) -> {
            calls.add(secretStore + "/" + name + "/" + key);
            return name.equals("vault-entry") ? Optional.of("from-first-resolver") : Optional.empty();
        };

        Component component = ComponentFiles.read(TestComponents.path("values.yaml"), List.of(recording, ENVIRONMENT))
                .get(0);

        assertEquals("from-first-resolver", component.metadata().get("fromKey"));
        assertEquals("token-from-name-93ab", component.metadata().get("fromName"));
        assertEquals(List.of("env/vault-entry/WORKER_TOKEN", "env/API_TOKEN/null"), calls);
    }

    @Test
    void readsSeveralDocuments() {
        List<Component> components = ComponentFiles.read(TestComponents.path("several.yaml"), List.of(ENVIRONMENT));

        assertEquals(List.of("cache", "sessions"), components.stream().map(Component::name).toList());
        assertEquals(Map.of("keyPrefix", "cache"), components.get(0).metadata());
        assertEquals(Map.of("keyPrefix", "name"), components.get(1).metadata());
    }

    @Test
    void toStringOmitsMetadataValues() {
        Component component = readOne("values.yaml");

        String text = component.toString();

        assertTrue(text.contains("fromKey"), text);
        assertFalse(text.contains("token-from-key-61c2"), text);
        assertFalse(text.contains("token-from-name-93ab"), text);
        assertFalse(text.contains("hello"), text);
    }

    @Test
    void missingFile() {
        Path file = TestComponents.path("plain.yaml").resolveSibling("absent.yaml");

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> ComponentFiles.read(file, List.of(ENVIRONMENT)));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }

    @Test
    void invalidYamlGivesLine() {
        InvalidComponentException error = readInvalid("not-yaml.yaml");

        assertNamesFileAndField(error, "not-yaml.yaml", "not valid YAML");
        assertTrue(error.getMessage().contains("at line 9"), error.getMessage());
    }

    @Test
    void unknownEntryField() {
        InvalidComponentException error = readInvalid("unknown-entry-field.yaml");

        assertNamesFileAndField(error, "unknown-entry-field.yaml", "spec.metadata[0].valeu");
        assertTrue(error.getMessage().contains("'keyPrefix'"), error.getMessage());
        assertTrue(error.getMessage().contains("value or secretKeyRef"), error.getMessage());
    }

    @Test
    void mappingWhereValueExpected() {
        InvalidComponentException error = readInvalid("mapping-value.yaml");

        assertNamesFileAndField(error, "mapping-value.yaml", "spec.metadata[0].value");
        assertTrue(error.getMessage().contains("write a string"), error.getMessage());
    }

    @Test
    void mappingWhereTypeExpected() {
        InvalidComponentException error = readInvalid("mapping-type.yaml");

        assertNamesFileAndField(error, "mapping-type.yaml", "type");
        assertTrue(error.getMessage().contains("write a string"), error.getMessage());
    }

    @Test
    void mappingWhereTypeExpectedNamesPath() {
        InvalidComponentException error = readInvalid("mapping-type.yaml");

        assertNamesFileAndField(error, "mapping-type.yaml", "spec.type");
    }

    @Test
    void missingSpecType() {
        InvalidComponentException error = readInvalid("missing-type.yaml");

        assertNamesFileAndField(error, "missing-type.yaml", "spec.type");
        assertTrue(error.getMessage().contains("missing"), error.getMessage());
    }

    @Test
    void duplicateMetadataName() {
        InvalidComponentException error = readInvalid("duplicate-metadata.yaml");

        assertNamesFileAndField(error, "duplicate-metadata.yaml", "spec.metadata[1]");
        assertTrue(error.getMessage().contains("'keyPrefix' a second time"), error.getMessage());
    }

    @Test
    void unresolvableSecret() {
        InvalidComponentException error = readInvalid("unresolved-secret.yaml");

        assertNamesFileAndField(error, "unresolved-secret.yaml", "secretKeyRef of metadata 'appID'");
        assertTrue(error.getMessage().contains("NO_SUCH_SECRET_5D1C"), error.getMessage());
        assertTrue(error.getMessage().contains("environment variable NO_SUCH_KEY_5D1C"), error.getMessage());
    }

    @Test
    void valueAndSecretTogether() {
        InvalidComponentException error = readInvalid("value-and-secret.yaml");

        assertNamesFileAndField(error, "value-and-secret.yaml", "spec.metadata[0]");
        assertTrue(error.getMessage().contains("both value and secretKeyRef"), error.getMessage());
        assertFalse(error.getMessage().contains("orders"), error.getMessage());
    }

    @Test
    void otherKindRejected() {
        InvalidComponentException error = readInvalid("wrong-kind.yaml");

        assertNamesFileAndField(error, "wrong-kind.yaml", "kind");
        assertTrue(error.getMessage().contains("'Subscription'"), error.getMessage());
    }

    @Test
    void badInitTimeout() {
        InvalidComponentException error = readInvalid("bad-init-timeout.yaml");

        assertNamesFileAndField(error, "bad-init-timeout.yaml", "spec.initTimeout");
        assertTrue(error.getMessage().contains("'two minutes'"), error.getMessage());
    }

    @Test
    void metadataNotList() {
        InvalidComponentException error = readInvalid("metadata-not-list.yaml");

        assertNamesFileAndField(error, "metadata-not-list.yaml", "spec.metadata");
        assertTrue(error.getMessage().contains("not a list"), error.getMessage());
    }

    @Test
    void fileWithoutComponent() {
        InvalidComponentException error = readInvalid("no-component.yaml");

        assertNamesFileAndField(error, "no-component.yaml", "no component");
    }

    @Test
    void errorInSecondDocumentGivesItsLine() {
        InvalidComponentException error = readInvalid("second-document-invalid.yaml");

        assertNamesFileAndField(error, "second-document-invalid.yaml", "spec.type");
        assertTrue(error.getMessage().contains("line 8"), error.getMessage());
    }

    @Test
    void componentToStringOmitsValues() {
        Component component = Component.of("state.cloudflare.workerskv",
                Map.of("cfAPIToken", "api-token-c0ffee", "kvNamespaceID", "ns-1"));

        String text = component.toString();

        assertTrue(text.contains("cfAPIToken"), text);
        assertFalse(text.contains("api-token-c0ffee"), text);
        assertFalse(text.contains("ns-1"), text);
    }
}
