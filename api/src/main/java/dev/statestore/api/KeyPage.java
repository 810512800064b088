package dev.statestore.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key listing, in the store's order.
 *
 * @param keys the keys of this page, as the application names them
 * @param cursor the cursor for the next page; empty on the last page
 */
public record KeyPage(List<String> keys, Optional<String> cursor) {

    public KeyPage {
        keys = List.copyOf(keys);
        Objects.requireNonNull(cursor, "cursor");
    }
}
