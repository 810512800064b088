package dev.statestore.workerskv.http;

import java.util.List;
import java.util.Optional;

/**
 * One page of the Worker's key listing.
 *
 * @param keys application keys, in the order of their stored form
 * @param cursor the cursor of the next page, empty on the last one
 */
public record KeyListing(List<String> keys, Optional<String> cursor) {
    public KeyListing {
        keys = List.copyOf(keys);
    }
}
