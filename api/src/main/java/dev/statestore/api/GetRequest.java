package dev.statestore.api;

import java.util.Map;
import java.util.Objects;

/**
 * A read of one key.
 *
 * @param key the key, as the application names it
 * @param consistency the consistency the caller asks for
 * @param metadata per-request metadata for the provider, empty when none
 */
public record GetRequest(String key, Consistency consistency, Map<String, String> metadata) {

    public GetRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(consistency, "consistency");
        metadata = Map.copyOf(metadata);
    }

    public static GetRequest of(String key) {
        return new GetRequest(key, Consistency.EVENTUAL, Map.of());
    }

    public GetRequest withConsistency(Consistency newConsistency) {
        return new GetRequest(key, newConsistency, metadata);
    }

    public GetRequest withMetadata(Map<String, String> newMetadata) {
        return new GetRequest(key, consistency, newMetadata);
    }
}
