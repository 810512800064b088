package dev.statestore.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one key of a bulk get: the item, absence, or the error for that key alone.
 *
 * @param key the requested key
 * @param item the item when found
 * @param error the error when this key failed, in which case {@code item} is empty
 */
public record BulkGetResult(String key, Optional<StateItem> item, Optional<StateStoreException> error) {

    public BulkGetResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(error, "error");
    }

    public static BulkGetResult found(StateItem item) {
        return new BulkGetResult(item.key(), Optional.of(item), Optional.empty());
    }

    public static BulkGetResult missing(String key) {
        return new BulkGetResult(key, Optional.empty(), Optional.empty());
    }

    public static BulkGetResult failed(String key, StateStoreException error) {
        return new BulkGetResult(key, Optional.empty(), Optional.of(error));
    }
}
