package dev.statestore.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A write of one key. Build it with {@link #builder(String, byte[])}; the value bytes are copied.
 *
 * <p>The TTL comes from {@link Builder#ttl(Duration)} or, as in Dapr, from the {@code ttlInSeconds} metadata
 * entry, where {@code -1} means that the item never expires. {@link #effectiveTtl()} combines both.
 */
public final class SetRequest {
    /** The Dapr metadata entry that sets a TTL in seconds; {@code -1} means never expire. */
    public static final String TTL_IN_SECONDS = "ttlInSeconds";

    private final String key;
    private final byte[] value;
    private final String etag;
    private final Concurrency concurrency;
    private final Consistency consistency;
    private final Duration ttl;
    private final String contentType;
    private final Map<String, String> metadata;

    private SetRequest(Builder builder) {
        this.key = builder.key;
        this.value = builder.value.clone();
        this.etag = builder.etag;
        this.concurrency = builder.concurrency;
        this.consistency = builder.consistency;
        this.ttl = builder.ttl;
        this.contentType = builder.contentType;
        this.metadata = Map.copyOf(builder.metadata);
    }

    public static Builder builder(String key, byte[] value) {
        return new Builder(key, value);
    }

    public static SetRequest of(String key, byte[] value) {
        return builder(key, value).build();
    }

    public String key() {
        return key;
    }

    /** Returns a copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    public int valueLength() {
        return value.length;
    }

    public Optional<String> etag() {
        return Optional.ofNullable(etag);
    }

    public Concurrency concurrency() {
        return concurrency;
    }

    public Consistency consistency() {
        return consistency;
    }

    /** TTL set with {@link Builder#ttl(Duration)}, without looking at metadata. */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Returns the TTL of this write: the {@code ttlInSeconds} metadata entry when present, else the
     * builder's TTL. Empty means no expiry.
     *
     * @throws InvalidRequestException when {@code ttlInSeconds} is not an integer, or is negative other than
     *     {@code -1}, or when the two sources disagree
     */
    public Optional<Duration> effectiveTtl() {
        String raw = metadata.get(TTL_IN_SECONDS);
        if (raw == null) {
            return ttl();
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Invalid " + TTL_IN_SECONDS + " '" + raw + "' for key '" + key
                    + "': use a whole number of seconds, or -1 for no expiry.");
        }
        if (seconds < -1 || seconds == 0) {
            throw new InvalidRequestException("Invalid " + TTL_IN_SECONDS + " " + seconds + " for key '" + key
                    + "': use a positive number of seconds, or -1 for no expiry.");
        }
        Optional<Duration> fromMetadata = seconds == -1 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        if (ttl != null && !fromMetadata.equals(Optional.of(ttl))) {
            throw new InvalidRequestException("Conflicting TTLs for key '" + key + "': the request sets " + ttl
                    + " and metadata " + TTL_IN_SECONDS + "=" + raw + "; set only one of them.");
        }
        return fromMetadata;
    }

    public Builder toBuilder() {
        return new Builder(key, value).etag(etag).concurrency(concurrency).consistency(consistency).ttl(ttl)
                .contentType(contentType).metadata(metadata);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SetRequest)) {
            return false;
        }
        SetRequest that = (SetRequest) other;
        return key.equals(that.key) && Arrays.equals(value, that.value) && Objects.equals(etag, that.etag)
                && concurrency == that.concurrency && consistency == that.consistency
                && Objects.equals(ttl, that.ttl) && Objects.equals(contentType, that.contentType)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), etag, concurrency, consistency, ttl, contentType, metadata);
    }

    /** Describes the request without its value. */
    @Override
    public String toString() {
        return "SetRequest{key='" + key + "', valueLength=" + value.length + ", concurrency=" + concurrency
                + (ttl == null ? "" : ", ttl=" + ttl) + (etag == null ? "" : ", etag='" + etag + "'") + "}";
    }

    /** Builder of {@link SetRequest}; not thread-safe. */
    public static final class Builder {
        private final String key;
        private final byte[] value;
        private String etag;
        private Concurrency concurrency = Concurrency.LAST_WRITE;
        private Consistency consistency = Consistency.EVENTUAL;
        private Duration ttl;
        private String contentType;
        private Map<String, String> metadata = Map.of();

        private Builder(String key, byte[] value) {
            this.key = Objects.requireNonNull(key, "key");
            this.value = Objects.requireNonNull(value, "value");
        }

        /** Sets the ETag that the stored item must match; requires {@link Feature#ETAG}. */
        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder concurrency(Concurrency concurrency) {
            this.concurrency = Objects.requireNonNull(concurrency, "concurrency");
            return this;
        }

        public Builder consistency(Consistency consistency) {
            this.consistency = Objects.requireNonNull(consistency, "consistency");
            return this;
        }

        /** Sets the time to live; {@code null} means no expiry. Requires {@link Feature#TTL}. */
        public Builder ttl(Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
                throw new InvalidRequestException("Invalid TTL " + ttl + " for key '" + key
                        + "': use a positive duration, or none for no expiry.");
            }
            this.ttl = ttl;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        public SetRequest build() {
            return new SetRequest(this);
        }
    }
}
