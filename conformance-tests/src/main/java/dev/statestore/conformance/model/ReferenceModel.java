package dev.statestore.conformance.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference model of a state store: a map of values with expiry times on a model clock that starts at
 * zero. Every write gets a new version number, which the model uses in place of the store's ETag. Not thread-safe.
 */
public final class ReferenceModel {
    private final Map<String, Entry> entries;
    private Duration now;
    private long lastVersion;

    public ReferenceModel() {
        this(new HashMap<>(), Duration.ZERO, 0);
    }

    private ReferenceModel(Map<String, Entry> entries, Duration now, long lastVersion) {
        this.entries = entries;
        this.now = now;
        this.lastVersion = lastVersion;
    }

    /** Returns the entry of {@code key} unless it is absent or expired. */
    public Optional<Entry> live(String key) {
        Entry entry = entries.get(key);
        if (entry == null || entry.isExpiredAt(now)) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /** Stores {@code value}; {@code ttl} is null for a value that never expires. */
    public void set(String key, String value, Duration ttl) {
        lastVersion++;
        entries.put(key, new Entry(value, ttl == null ? null : now.plus(ttl), lastVersion));
    }

    public void delete(String key) {
        entries.remove(key);
    }

    public void advance(Duration step) {
        now = now.plus(step);
    }

    /** Returns the model clock: the time since the model was created, moved only by {@link #advance}. */
    public Duration now() {
        return now;
    }

    /** Returns the expiry times of the live entries that have one. */
    public List<Duration> liveExpiryTimes() {
        List<Duration> times = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.expiresAt() != null && !entry.isExpiredAt(now)) {
                times.add(entry.expiresAt());
            }
        }
        return times;
    }

    /** Returns an independent copy, for trying a transaction that may have to be rolled back. */
    public ReferenceModel copy() {
        return new ReferenceModel(new HashMap<>(entries), now, lastVersion);
    }

    /**
     * One stored value.
     *
     * @param value the value, stored as UTF-8
     * @param expiresAt the model time at which the value expires, or null for never
     * @param version the number of the write that stored the value
     */
    public record Entry(String value, Duration expiresAt, long version) {

        /** Tells whether the value has expired at model time {@code time}; a value expires at its expiry time. */
        public boolean isExpiredAt(Duration time) {
            return expiresAt != null && time.compareTo(expiresAt) >= 0;
        }
    }
}
