package dev.statestore.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable stored item: its key, value bytes and what the store reports about it. The value bytes are
 * copied on the way in and out, so callers may reuse their arrays.
 */
public final class StateItem {
    private final String key;
    private final byte[] value;
    private final String etag;
    private final String contentType;
    private final Instant expiresAt;
    private final Map<String, String> metadata;

    private StateItem(Builder builder) {
        this.key = Objects.requireNonNull(builder.key, "key");
        this.value = builder.value.clone();
        this.etag = builder.etag;
        this.contentType = builder.contentType;
        this.expiresAt = builder.expiresAt;
        this.metadata = Map.copyOf(builder.metadata);
    }

    /** Creates an item with only a key and a value. */
    public static StateItem of(String key, byte[] value) {
        return builder(key).value(value).build();
    }

    public static Builder builder(String key) {
        return new Builder(key);
    }

    public String key() {
        return key;
    }

    /** Returns a copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** Returns the value decoded as UTF-8. */
    public String valueAsString() {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public int valueLength() {
        return value.length;
    }

    /** ETag of this version of the item, present only in stores with {@link Feature#ETAG}. */
    public Optional<String> etag() {
        return Optional.ofNullable(etag);
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Time at which the item expires, present when it was written with a TTL and the store reports it. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Response metadata, for example {@code ttlExpireTime} as an RFC 3339 time. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Builder toBuilder() {
        return new Builder(key).value(value).etag(etag).contentType(contentType).expiresAt(expiresAt)
                .metadata(metadata);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof StateItem)) {
            return false;
        }
        StateItem that = (StateItem) other;
        return key.equals(that.key) && Arrays.equals(value, that.value) && Objects.equals(etag, that.etag)
                && Objects.equals(contentType, that.contentType) && Objects.equals(expiresAt, that.expiresAt)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), etag, contentType, expiresAt, metadata);
    }

    /** Describes the item without its value, which may be large or confidential. */
    @Override
    public String toString() {
        return "StateItem{key='" + key + "', valueLength=" + value.length
                + (etag == null ? "" : ", etag='" + etag + "'")
                + (contentType == null ? "" : ", contentType='" + contentType + "'")
                + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "}";
    }

    /** Builder of {@link StateItem}; not thread-safe. */
    public static final class Builder {
        private final String key;
        private byte[] value = new byte[0];
        private String etag;
        private String contentType;
        private Instant expiresAt;
        private Map<String, String> metadata = Map.of();

        private Builder(String key) {
            this.key = key;
        }

        public Builder value(byte[] value) {
            this.value = Objects.requireNonNull(value, "value");
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public StateItem build() {
            return new StateItem(this);
        }
    }
}
