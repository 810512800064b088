package dev.statestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateItemTest {
    private static final byte[] VALUE = "confidential-4b9e".getBytes(StandardCharsets.UTF_8);

    @Test
    void inputArrayCopied() {
        byte[] input = VALUE.clone();
        StateItem item = StateItem.of("k1", input);

        input[0] = 'X';

        assertArrayEquals(VALUE, item.value());
    }

    @Test
    void builderInputArrayCopied() {
        byte[] input = VALUE.clone();
        StateItem item = StateItem.builder("k1").value(input).etag("1").build();

        input[0] = 'X';

        assertArrayEquals(VALUE, item.value());
    }

    @Test
    void outputArrayCopied() {
        StateItem item = StateItem.of("k1", VALUE.clone());

        item.value()[0] = 'X';

        assertArrayEquals(VALUE, item.value());
    }

    @Test
    void valueAsStringDecodesUtf8() {
        StateItem item = StateItem.of("k1", "zażółć".getBytes(StandardCharsets.UTF_8));

        assertEquals("zażółć", item.valueAsString());
    }

    @Test
    void toStringOmitsValue() {
        StateItem item = StateItem.builder("k1").value(VALUE).etag("7").contentType("text/plain")
                .expiresAt(Instant.parse("2030-01-01T00:00:00Z")).build();

        String text = item.toString();

        assertFalse(text.contains("confidential-4b9e"), text);
        assertTrue(text.contains("k1"), text);
        assertTrue(text.contains("valueLength=" + VALUE.length), text);
    }

    @Test
    void equalityComparesValueBytes() {
        StateItem first = StateItem.of("k1", VALUE.clone());
        StateItem same = StateItem.of("k1", VALUE.clone());
        StateItem other = StateItem.of("k1", "other".getBytes(StandardCharsets.UTF_8));

        assertEquals(first, same);
        assertEquals(first.hashCode(), same.hashCode());
        assertNotEquals(first, other);
    }

    @Test
    void toBuilderKeepsEveryField() {
        StateItem item = StateItem.builder("k1").value(VALUE).etag("7").contentType("text/plain")
                .expiresAt(Instant.parse("2030-01-01T00:00:00Z")).metadata(Map.of("a", "b")).build();

        assertEquals(item, item.toBuilder().build());
    }

    @Test
    void nullKeyRejected() {
        StateItem.Builder builder = StateItem.builder(null);

        assertThrows(NullPointerException.class, builder::build);
    }
}
