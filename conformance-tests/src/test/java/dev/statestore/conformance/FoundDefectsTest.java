package dev.statestore.conformance;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateStore;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.keys.KeyEscaper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression tests for defects in other modules that the conformance runs found. */
class FoundDefectsTest {

    /**
     * {@code KeyPrefixStateStore} prepends the prefix before the provider checks the key, so the empty key,
     * which the in-memory store rejects, becomes the valid stored key {@code tenant-a||}.
     */
    @Test
    void emptyKeyIsRejectedBehindKeyPrefix() {
        try (StateStore store = StateStores.create("state.in-memory", Map.of("keyPrefix", "tenant-a"))) {
            assertThrows(InvalidRequestException.class, () -> store.set("", "v".getBytes(StandardCharsets.UTF_8)));
            assertThrows(InvalidRequestException.class, () -> store.get(""));
            assertTrue(store.listKeys("", null, 10).keys().isEmpty(), "no key should have been stored");
        }
    }

    /**
     * {@code KeyEscaper.escape} encodes the key with {@code String.getBytes(UTF_8)}, which replaces a lone
     * surrogate with {@code ?}, so two different keys get the same stored KV key. The key should be rejected
     * or escaped to a form of its own.
     */
    @Test
    void loneSurrogateKeyDoesNotCollide() {
        String loneSurrogate = "x\uD800";

        String stored;
        try {
            stored = KeyEscaper.escape(loneSurrogate);
        } catch (InvalidRequestException e) {
            return;
        }

        assertNotEquals(KeyEscaper.escape("x?"), stored, "stored KV key of 'x\\uD800' and of 'x?'");
    }
}
