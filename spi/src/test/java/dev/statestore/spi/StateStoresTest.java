package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.spi.memory.InMemoryStateStore;
import dev.statestore.spi.memory.InMemoryStateStoreProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateStoresTest {

    @Test
    void createInMemoryThroughServiceLoader() {
        try (StateStore store = StateStores.create("state.in-memory", Map.of())) {
            store.set("k1", "v1".getBytes(StandardCharsets.UTF_8));

            assertInstanceOf(InMemoryStateStore.class, store);
            assertEquals("v1", store.get("k1").orElseThrow().valueAsString());
        }
    }

    @Test
    void providerFoundByType() {
        assertInstanceOf(InMemoryStateStoreProvider.class, StateStores.provider("state.in-memory"));
    }

    @Test
    void unknownTypeListsTypesFound() {
        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> StateStores.create("state.redis", Map.of()));

        assertTrue(error.getMessage().contains("'state.redis'"), error.getMessage());
        assertTrue(error.getMessage().contains("state.in-memory"), error.getMessage());
    }

    @Test
    void unsupportedVersionListsSupported() {
        Component component = new Component("c1", "state.in-memory", "v2", Optional.empty(), Map.of(),
                Optional.empty());

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> StateStores.create(component));

        assertTrue(error.getMessage().contains("'v2'"), error.getMessage());
        assertTrue(error.getMessage().contains("[v1]"), error.getMessage());
        assertTrue(error.getMessage().contains("component 'c1'"), error.getMessage());
    }

    @Test
    void unsupportedVersionInFileNamesFile() {
        Path file = TestComponents.path("version-v2.yaml");

        InvalidComponentException error = assertThrows(InvalidComponentException.class, () -> StateStores.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("[v1]"), error.getMessage());
    }

    @Test
    void duplicateTypeNamesBothProviders() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.provider(FirstDuplicateTypeProvider.TYPE));

        assertTrue(error.getMessage().contains(FirstDuplicateTypeProvider.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains(SecondDuplicateTypeProvider.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains(" from file:"), error.getMessage());
    }

    @Test
    void duplicateTypeDoesNotBlockOthers() {
        try (StateStore store = StateStores.create("state.in-memory", Map.of())) {
            assertInstanceOf(InMemoryStateStore.class, store);
        }
    }

    @Test
    void inMemoryRejectsUnknownMetadata() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create("state.in-memory", Map.of("redisHost", "localhost")));

        assertTrue(error.getMessage().contains("'redisHost'"), error.getMessage());
    }

    @Test
    void openReadsComponentFile() {
        try (StateStore store = StateStores.open(TestComponents.path("plain.yaml"))) {
            store.set("k1", "v1".getBytes(StandardCharsets.UTF_8));

            assertEquals("v1", store.get("k1").orElseThrow().valueAsString());
        }
    }

    @Test
    void openResolvesSecretThroughServiceLoader() {
        try (StateStore store = StateStores.open(TestComponents.path("orders.yaml"))) {
            store.set("k1", "v1".getBytes(StandardCharsets.UTF_8));

            StateStore inner = ((KeyPrefixStateStore) store).delegate();
            assertEquals(List.of("orders||k1"), inner.listKeys("", null, 10).keys());
        }
    }

    @Test
    void openUnknownTypeNamesType() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.open(TestComponents.path("unknown-type.yaml")));

        assertTrue(error.getMessage().contains("'state.redis'"), error.getMessage());
        assertTrue(error.getMessage().contains("state.in-memory"), error.getMessage());
    }

    @Test
    void openSeveralWithoutNameListsNames() {
        Path file = TestComponents.path("several.yaml");

        InvalidComponentException error = assertThrows(InvalidComponentException.class, () -> StateStores.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("[cache, sessions]"), error.getMessage());
        assertTrue(error.getMessage().contains("open(file, name)"), error.getMessage());
    }

    @Test
    void openSeveralByName() {
        try (StateStore store = StateStores.open(TestComponents.path("several.yaml"), "sessions")) {
            store.set("k1", "v1".getBytes(StandardCharsets.UTF_8));

            StateStore inner = ((KeyPrefixStateStore) store).delegate();
            assertEquals(List.of("sessions||k1"), inner.listKeys("", null, 10).keys());
        }
    }

    @Test
    void openSeveralOtherByName() {
        try (StateStore store = StateStores.open(TestComponents.path("several.yaml"), "cache")) {
            store.set("k1", "v1".getBytes(StandardCharsets.UTF_8));

            StateStore inner = ((KeyPrefixStateStore) store).delegate();
            assertEquals(List.of("cache||k1"), inner.listKeys("", null, 10).keys());
        }
    }

    @Test
    void openUnknownNameListsNames() {
        Path file = TestComponents.path("several.yaml");

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> StateStores.open(file, "carts"));

        assertTrue(error.getMessage().contains("'carts'"), error.getMessage());
        assertTrue(error.getMessage().contains("[cache, sessions]"), error.getMessage());
    }

    @Test
    void openMissingFileNamesPath() {
        Path file = Path.of("no-such-dir", "statestore.yaml");

        InvalidComponentException error = assertThrows(InvalidComponentException.class, () -> StateStores.open(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }
}
