package dev.statestore.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A delete of one key. Deleting a missing key succeeds.
 *
 * @param key the key
 * @param etag the ETag the stored item must match, or {@code null}; requires {@link Feature#ETAG}
 * @param concurrency the concurrency mode
 * @param consistency the consistency the caller asks for
 * @param metadata per-request metadata for the provider
 */
public record DeleteRequest(String key, String etag, Concurrency concurrency, Consistency consistency,
        Map<String, String> metadata) {

    public DeleteRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(consistency, "consistency");
        metadata = Map.copyOf(metadata);
    }

    public static DeleteRequest of(String key) {
        return new DeleteRequest(key, null, Concurrency.LAST_WRITE, Consistency.EVENTUAL, Map.of());
    }

    public Optional<String> etagValue() {
        return Optional.ofNullable(etag);
    }

    public DeleteRequest withEtag(String newEtag) {
        return new DeleteRequest(key, newEtag, concurrency, consistency, metadata);
    }

    public DeleteRequest withConcurrency(Concurrency newConcurrency) {
        return new DeleteRequest(key, etag, newConcurrency, consistency, metadata);
    }

    public DeleteRequest withMetadata(Map<String, String> newMetadata) {
        return new DeleteRequest(key, etag, concurrency, consistency, newMetadata);
    }
}
