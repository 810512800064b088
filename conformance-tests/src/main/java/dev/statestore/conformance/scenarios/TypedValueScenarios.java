package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.Values;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Values written and read through the typed methods: {@code byte[]} as is, {@link String} as UTF-8, anything
 * else as JSON through Jackson. The stored bytes are checked too, because another client reads them.
 */
public interface TypedValueScenarios extends ConformanceScenario {

    @Test
    default void integerRoundTrips() {
        StateStore store = session().store();

        store.set("int", 123);
        store.set("negative-long", Long.MIN_VALUE);

        assertEquals(Optional.of(123), store.get("int", Integer.class));
        assertStored(store, "int", utf8("123"));
        assertEquals(Optional.of(Long.MIN_VALUE), store.get("negative-long", Long.class));
    }

    @Test
    default void booleanRoundTrips() {
        StateStore store = session().store();

        store.set("yes", true);
        store.set("no", false);

        assertEquals(Optional.of(true), store.get("yes", Boolean.class));
        assertEquals(Optional.of(false), store.get("no", Boolean.class));
        assertStored(store, "yes", utf8("true"));
    }

    @Test
    default void bytesRoundTrip() {
        StateStore store = session().store();

        store.set("bytes", new byte[] {0x1});

        assertArrayEquals(new byte[] {0x1}, store.get("bytes", byte[].class).orElseThrow());
    }

    @Test
    default void plainStringRoundTrips() {
        StateStore store = session().store();

        store.set("text", "hello world");
        store.set("unicode", "żółw \uD83D\uDC22 日本");

        assertEquals(Optional.of("hello world"), store.get("text", String.class));
        assertEquals(Optional.of("żółw \uD83D\uDC22 日本"), store.get("unicode", String.class));
        assertStored(store, "unicode", utf8("żółw \uD83D\uDC22 日本"));
    }

    @Test
    default void stringHoldingJsonIsStoredVerbatim() {
        StateStore store = session().store();
        String json = "{\"a\":\"b\",\"n\":[1,2]}";

        store.set("json-text", json);

        assertEquals(Optional.of(json), store.get("json-text", String.class));
        assertStored(store, "json-text", utf8(json));
        assertEquals(Map.of("a", "b", "n", List.of(1, 2)), store.get("json-text", Map.class).orElseThrow());
    }

    @Test
    default void emptyStringIsStoredNotDeleted() {
        StateStore store = session().store();

        store.set("empty", "");

        StateItem item = assertStored(store, "empty", new byte[0]);
        assertEquals(0, item.valueLength());
        assertEquals(Optional.of(""), store.get("empty", String.class));
    }

    @Test
    default void emptyByteArrayIsStoredNotDeleted() {
        StateStore store = session().store();

        store.set("empty-bytes", new byte[0]);

        assertStored(store, "empty-bytes", new byte[0]);
    }

    @Test
    default void contentTypeIsAbsentOrAsWritten() {
        StateStore store = session().store();

        store.set("typed-text", "text");
        store.set("typed-json", Map.of("a", 1));

        assertContentType(store, "typed-text", Values.TEXT_CONTENT_TYPE);
        assertContentType(store, "typed-json", Values.JSON_CONTENT_TYPE);
    }

    @Test
    default void nestedObjectRoundTrips() {
        StateStore store = session().store();
        SampleOrder order = new SampleOrder("order-7", new SampleOrder.Customer("Zoë Ñúñez", "zoe@example.com"),
                List.of(new SampleOrder.Line("tea", 2, 3.5), new SampleOrder.Line("mug", 1, 12.25)),
                Map.of("channel", "web", "note", "leave at the door"), null);

        store.set("order", order);

        assertEquals(Optional.of(order), store.get("order", SampleOrder.class));
    }

    /** Asserts that the store reports no content type for {@code key}, or the one it was written with. */
    private static void assertContentType(StateStore store, String key, String written) {
        Optional<String> reported = store.get(key).orElseThrow().contentType();
        assertTrue(reported.isEmpty() || reported.get().equals(written),
                () -> "content type of '" + key + "' should be absent or '" + written + "', but is " + reported);
    }

    /**
     * A nested value type for the JSON scenario.
     *
     * @param id the order ID
     * @param customer a nested object
     * @param lines a list of nested objects
     * @param labels a map
     * @param coupon a field that is always null in the scenario
     */
    record SampleOrder(String id, Customer customer, List<Line> lines, Map<String, String> labels, String coupon) {

        /** The customer of an order. */
        public record Customer(String name, String email) {
        }

        /** One line of an order. */
        public record Line(String product, int quantity, double unitPrice) {
        }
    }
}
