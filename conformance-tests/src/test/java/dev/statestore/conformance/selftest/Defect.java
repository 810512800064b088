package dev.statestore.conformance.selftest;

/** A defect that {@link DefectiveStore} plants into the in-memory store, to show that the suite detects it. */
enum Defect {
    /** Bulk get leaves out the keys it did not find. */
    BULK_GET_DROPS_MISSING_KEYS,
    /** Bulk delete skips its last request. */
    BULK_DELETE_SKIPS_LAST_KEY,
    /** Writes and deletes ignore the ETag they carry. */
    IGNORES_ETAG,
    /** Values written with a TTL report their expiry but never expire. */
    NEVER_EXPIRES,
    /** The store does not declare TTL, yet writes a value with a TTL as if it had none. */
    IGNORES_UNDECLARED_TTL,
    /** Keys are percent-decoded before use, so {@code a%2Fb} and {@code a/b} are the same key. */
    DECODES_KEYS,
    /** A zero-length value reads as absent. */
    EMPTY_VALUE_READS_AS_ABSENT,
    /** A transaction applies its steps one by one and keeps those before a failing step. */
    TRANSACTION_NOT_ATOMIC,
    /**
     * Each thread's latest write waits in a per-thread buffer until that thread writes again, so other
     * threads never see it. The writing thread reads its own buffer and notices nothing.
     */
    WRITE_BEHIND_PER_THREAD
}
