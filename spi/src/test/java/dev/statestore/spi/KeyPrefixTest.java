package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.GetRequest;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import dev.statestore.spi.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyPrefixTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StateStore inMemory(Map<String, String> metadata) {
        return StateStores.create("state.in-memory", metadata);
    }

    private static List<String> storedKeys(StateStore store) {
        return ((KeyPrefixStateStore) store).delegate().listKeys("", null, 100).keys();
    }

    @Test
    void appIdPrefixesStoredKeys() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "appid", "appID", "orders"))) {
            store.set("k1", bytes("v1"));

            assertEquals(List.of("orders||k1"), storedKeys(store));
        }
    }

    @Test
    void appIdModeCaseInsensitive() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "AppID", "appID", "orders"))) {
            store.set("k1", bytes("v1"));

            assertEquals(List.of("orders||k1"), storedKeys(store));
        }
    }

    @Test
    void getReturnsUnprefixedKey() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "appid", "appID", "orders"))) {
            store.set("k1", bytes("v1"));

            StateItem item = store.get("k1").orElseThrow();

            assertEquals("k1", item.key());
            assertEquals("v1", item.valueAsString());
        }
    }

    @Test
    void getAsyncReturnsUnprefixedKey() throws Exception {
        try (StateStore store = inMemory(Map.of("keyPrefix", "tenant"))) {
            store.set("k1", bytes("v1"));

            StateItem item = store.getAsync(GetRequest.of("k1")).get().orElseThrow();

            assertEquals("k1", item.key());
        }
    }

    @Test
    void appIdWithoutAppIdRejected() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create("state.in-memory", Map.of("keyPrefix", "appid")));

        assertTrue(error.getMessage().contains("appID"), error.getMessage());
        assertTrue(error.getMessage().contains("'appid'"), error.getMessage());
    }

    @Test
    void appIdWithSeparatorRejected() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create("state.in-memory", Map.of("keyPrefix", "appid", "appID", "a||b")));

        assertTrue(error.getMessage().contains("appID 'a||b'"), error.getMessage());
    }

    @Test
    void namePrefixUsesComponentName() {
        Component component = new Component("carts", "state.in-memory", "v1", Optional.empty(),
                Map.of("keyPrefix", "name"), Optional.empty());

        try (StateStore store = StateStores.create(component)) {
            store.set("k1", bytes("v1"));

            assertEquals(List.of("carts||k1"), storedKeys(store));
        }
    }

    @Test
    void noneLeavesKeys() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "none", "appID", "orders"))) {
            store.set("k1", bytes("v1"));

            assertInstanceOf(InMemoryStateStore.class, store);
            assertEquals(List.of("k1"), store.listKeys("", null, 10).keys());
        }
    }

    @Test
    void defaultIsNone() {
        assertEquals(Optional.empty(), KeyPrefix.of(Component.of("state.in-memory", Map.of())));
    }

    @Test
    void customPrefix() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "Tenant-A"))) {
            store.set("k1", bytes("v1"));

            assertEquals(List.of("Tenant-A||k1"), storedKeys(store));
        }
    }

    @Test
    void customPrefixWithSeparatorRejected() {
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create("state.in-memory", Map.of("keyPrefix", "team||a")));

        assertTrue(error.getMessage().contains("keyPrefix 'team||a'"), error.getMessage());
        assertTrue(error.getMessage().contains("'||'"), error.getMessage());
    }

    @Test
    void listKeysStripsPrefix() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "appid", "appID", "orders"))) {
            store.set("item-1", bytes("1"));
            store.set("item-2", bytes("2"));
            store.set("other", bytes("3"));

            assertEquals(List.of("item-1", "item-2"), store.listKeys("item-", null, 10).keys());
        }
    }

    @Test
    void listKeysPagesThroughWrapper() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "tenant"))) {
            store.set("a", bytes("1"));
            store.set("b", bytes("2"));
            store.set("c", bytes("3"));

            KeyPage first = store.listKeys("", null, 2);
            KeyPage second = store.listKeys("", first.cursor().orElseThrow(), 2);

            assertEquals(List.of("a", "b"), first.keys());
            assertEquals(List.of("c"), second.keys());
            assertEquals(Optional.empty(), second.cursor());
        }
    }

    @Test
    void prefixesIsolateSharedStore() {
        InMemoryStateStore shared = new InMemoryStateStore(new TestClock(Instant.parse("2030-01-01T00:00:00Z")));
        StateStore orders = new KeyPrefixStateStore(shared, "orders||");
        StateStore carts = new KeyPrefixStateStore(shared, "carts||");

        orders.set("k1", bytes("order"));
        carts.set("k1", bytes("cart"));
        carts.set("k2", bytes("cart"));

        assertEquals("order", orders.get("k1").orElseThrow().valueAsString());
        assertEquals("cart", carts.get("k1").orElseThrow().valueAsString());
        assertFalse(orders.get("k2").isPresent());
        assertEquals(List.of("k1"), orders.listKeys("", null, 10).keys());
        assertEquals(List.of("carts||k1", "carts||k2", "orders||k1"), shared.listKeys("", null, 10).keys());
    }

    @Test
    void deleteWithPrefixStaysInsidePrefix() {
        InMemoryStateStore shared = new InMemoryStateStore(new TestClock(Instant.parse("2030-01-01T00:00:00Z")));
        StateStore orders = new KeyPrefixStateStore(shared, "orders||");
        StateStore carts = new KeyPrefixStateStore(shared, "carts||");
        orders.set("k1", bytes("1"));
        carts.set("k1", bytes("2"));

        long deleted = orders.deleteWithPrefix("k");

        assertEquals(1, deleted);
        assertEquals(List.of("carts||k1"), shared.listKeys("", null, 10).keys());
    }

    @Test
    void bulkGetStripsPrefix() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "tenant"))) {
            store.set("a", bytes("1"));

            List<BulkGetResult> results = store.bulkGet(List.of("a", "b"));

            assertEquals(List.of("a", "b"), results.stream().map(BulkGetResult::key).toList());
            assertEquals("a", results.get(0).item().orElseThrow().key());
        }
    }

    @Test
    void transactPrefixesKeys() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "tenant"))) {
            store.transact(List.of(TransactionOperation.set(SetRequest.of("a", bytes("1"))),
                    TransactionOperation.set(SetRequest.of("b", bytes("2")))));

            assertEquals(List.of("tenant||a", "tenant||b"), storedKeys(store));
        }
    }

    @Test
    void wrapperKeepsEtagAndTtl() {
        try (StateStore store = inMemory(Map.of("keyPrefix", "tenant"))) {
            store.set("a", bytes("1"));
            String etag = store.get("a").orElseThrow().etag().orElseThrow();

            store.set(SetRequest.builder("a", bytes("2")).etag(etag).ttl(java.time.Duration.ofHours(1)).build());

            StateItem item = store.get("a").orElseThrow();
            assertEquals("2", item.valueAsString());
            assertTrue(item.expiresAt().isPresent());
        }
    }
}
