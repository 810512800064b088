package dev.statestore.api;

/**
 * Optional capabilities of a state store. A request that needs a feature the store does not declare in
 * {@link StateStore#features()} fails with {@link UnsupportedFeatureException}.
 */
public enum Feature {
    /** Optimistic concurrency: items carry an ETag, and writes can require a matching one or first-write. */
    ETAG,
    /** Ordered lists of sets and deletes applied atomically. */
    TRANSACTIONAL,
    /** Per-write time to live. */
    TTL,
    /** Deletion of every key that starts with a prefix. */
    DELETE_WITH_PREFIX,
    /** Listing of keys by prefix with a cursor. */
    KEYS_LIKE,
    /** Queries over values. */
    QUERY_API,
    /** Partition keys that route a request to a partition. */
    PARTITION_KEY
}
