package dev.statestore.workerskv.keys;

/** Limits of Cloudflare Workers KV, checked on the client so that a bad request fails before the network. */
public final class KvLimits {
    /** Maximum key length in bytes, counted on the stored (escaped) form. */
    public static final int MAX_KEY_BYTES = 512;
    /** Maximum value size: 25 MiB. */
    public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    /** Maximum size of a key's metadata, serialised as JSON. */
    public static final int MAX_METADATA_BYTES = 1024;
    /** Minimum {@code expirationTtl}, in seconds. */
    public static final long MIN_TTL_SECONDS = 60;
    /**
     * Latest absolute expiration in Unix seconds: KV stores expirations as 32-bit signed integers, so a TTL may
     * reach at most this minus the current time (January 2038).
     */
    public static final long MAX_EXPIRATION_SECONDS = Integer.MAX_VALUE;

    private KvLimits() {
    }
}
