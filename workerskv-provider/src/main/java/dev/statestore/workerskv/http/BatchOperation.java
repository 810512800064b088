package dev.statestore.workerskv.http;

/**
 * One operation of a batch request to the Worker's {@code POST /batch/{namespace}} route.
 *
 * @param type {@code get}, {@code set} or {@code delete}
 * @param key the application key; the Worker escapes it to the stored form
 * @param value the value of a set, else {@code null}
 * @param ttlSeconds the TTL of a set, or {@code null}
 * @param contentType the content type of a set, or {@code null}
 */
public record BatchOperation(String type, String key, byte[] value, Long ttlSeconds, String contentType) {

    public static BatchOperation get(String key) {
        return new BatchOperation("get", key, null, null, null);
    }

    public static BatchOperation set(String key, byte[] value, Long ttlSeconds, String contentType) {
        return new BatchOperation("set", key, value, ttlSeconds, contentType);
    }

    public static BatchOperation delete(String key) {
        return new BatchOperation("delete", key, null, null, null);
    }

    /** Returns an estimate of this operation's size in the JSON request body, in bytes. */
    public long encodedSize() {
        long valueSize = value == null ? 0 : (value.length + 2L) / 3 * 4;
        return valueSize + key.length() * 6L + 96;
    }
}
