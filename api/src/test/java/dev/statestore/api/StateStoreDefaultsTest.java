package dev.statestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StateStoreDefaultsTest {

    /** The smallest store: only the abstract methods, with keys that start with "broken" failing on read. */
    static final class MapStateStore implements StateStore {
        final Map<String, SetRequest> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<StateItem> get(GetRequest request) {
            if (request.key().startsWith("broken")) {
                throw new UnavailableException("Read of key '" + request.key() + "' failed");
            }
            return Optional.ofNullable(entries.get(request.key()))
                    .map(set -> StateItem.builder(set.key()).value(set.value())
                            .contentType(set.contentType().orElse(null)).build());
        }

        @Override
        public void set(SetRequest request) {
            entries.put(request.key(), request);
        }

        @Override
        public void delete(DeleteRequest request) {
            entries.remove(request.key());
        }

        @Override
        public Set<Feature> features() {
            return EnumSet.noneOf(Feature.class);
        }

        @Override
        public void close() {
        }
    }

    record Point(int x, int y) {
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bulkGetKeepsRequestOrder() {
        MapStateStore store = new MapStateStore();
        store.set("c", bytes("3"));
        store.set("a", bytes("1"));

        List<BulkGetResult> results = store.bulkGet(List.of("c", "missing", "a"));

        assertEquals(List.of("c", "missing", "a"), results.stream().map(BulkGetResult::key).toList());
        assertEquals("3", results.get(0).item().orElseThrow().valueAsString());
        assertEquals(Optional.empty(), results.get(1).item());
        assertEquals(Optional.empty(), results.get(1).error());
        assertEquals("1", results.get(2).item().orElseThrow().valueAsString());
    }

    @Test
    void bulkGetReportsPerKeyErrors() {
        MapStateStore store = new MapStateStore();
        store.set("a", bytes("1"));
        store.set("b", bytes("2"));

        List<BulkGetResult> results = store.bulkGet(List.of("a", "broken-1", "b"));

        assertEquals("1", results.get(0).item().orElseThrow().valueAsString());
        assertEquals(Optional.empty(), results.get(1).item());
        assertTrue(results.get(1).error().orElseThrow() instanceof UnavailableException);
        assertTrue(results.get(1).error().orElseThrow().getMessage().contains("broken-1"));
        assertEquals("2", results.get(2).item().orElseThrow().valueAsString());
    }

    @Test
    void transactUnsupported() {
        MapStateStore store = new MapStateStore();
        List<TransactionOperation> operations = List.of(TransactionOperation.set(SetRequest.of("a", bytes("1"))));

        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.transact(operations));

        assertEquals(Feature.TRANSACTIONAL, error.feature());
        assertTrue(error.getMessage().contains("TRANSACTIONAL"), error.getMessage());
        assertEquals(Map.of(), store.entries);
    }

    @Test
    void listKeysUnsupported() {
        MapStateStore store = new MapStateStore();

        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.listKeys("", null, 10));

        assertEquals(Feature.KEYS_LIKE, error.feature());
        assertTrue(error.getMessage().contains("KEYS_LIKE"), error.getMessage());
    }

    @Test
    void deleteWithPrefixUnsupported() {
        MapStateStore store = new MapStateStore();

        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.deleteWithPrefix("a"));

        assertEquals(Feature.DELETE_WITH_PREFIX, error.feature());
        assertTrue(error.getMessage().contains("DELETE_WITH_PREFIX"), error.getMessage());
    }

    @Test
    void bulkSetAndDeleteApplyEach() {
        MapStateStore store = new MapStateStore();

        store.bulkSet(List.of(SetRequest.of("a", bytes("1")), SetRequest.of("b", bytes("2"))));
        store.bulkDelete(List.of(DeleteRequest.of("a")));

        assertEquals(Set.of("b"), store.entries.keySet());
    }

    @Test
    void typedSetAndGet() {
        MapStateStore store = new MapStateStore();

        store.set("p", (Object) new Point(1, 2));

        assertEquals(Optional.of(new Point(1, 2)), store.get("p", Point.class));
        assertEquals(Optional.of(Values.JSON_CONTENT_TYPE), store.entries.get("p").contentType());
    }

    @Test
    void typedGetOfMissingKeyEmpty() {
        MapStateStore store = new MapStateStore();

        assertEquals(Optional.empty(), store.get("absent", Point.class));
    }

    @Test
    void setWithTtlPassesTtl() {
        MapStateStore store = new MapStateStore();

        store.set("a", bytes("1"), Duration.ofMinutes(2));

        assertEquals(Optional.of(Duration.ofMinutes(2)), store.entries.get("a").ttl());
    }

    @Test
    void getAsyncFailsWithSameException() {
        MapStateStore store = new MapStateStore();

        ExecutionException error = assertThrows(ExecutionException.class,
                () -> store.getAsync(GetRequest.of("broken-2")).get());

        assertTrue(error.getCause() instanceof UnavailableException, String.valueOf(error.getCause()));
    }

    @Test
    void bulkGetAsyncMatchesBulkGet() throws Exception {
        MapStateStore store = new MapStateStore();
        store.set("a", bytes("1"));

        List<BulkGetResult> results = store.bulkGetAsync(List.of("a", "b"), BulkOptions.DEFAULT).get();

        assertEquals("1", results.get(0).item().orElseThrow().valueAsString());
        assertEquals(Optional.empty(), results.get(1).item());
    }

    @Test
    void bulkGetResultFoundUsesItemKey() {
        StateItem item = StateItem.of("k1", bytes("v"));

        BulkGetResult result = BulkGetResult.found(item);

        assertEquals("k1", result.key());
        assertSame(item, result.item().orElseThrow());
    }
}
