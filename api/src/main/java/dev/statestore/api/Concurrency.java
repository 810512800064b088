package dev.statestore.api;

/**
 * Concurrency mode of a write. {@link #FIRST_WRITE} requires the {@link Feature#ETAG} feature: the write
 * succeeds only when the caller's ETag matches, or when no item exists and the caller sent no ETag.
 */
public enum Concurrency {
    FIRST_WRITE,
    LAST_WRITE
}
