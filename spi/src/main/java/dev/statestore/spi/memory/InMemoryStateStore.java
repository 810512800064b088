package dev.statestore.spi.memory;

import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.EtagMismatchException;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidEtagException;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.TransactionOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reference store: every feature, thread-safe through one lock, with TTLs measured on an injectable
 * {@link Clock} so tests can step time. ETags are decimal version numbers.
 */
public final class InMemoryStateStore implements StateStore {
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.ETAG, Feature.TRANSACTIONAL, Feature.TTL,
            Feature.DELETE_WITH_PREFIX, Feature.KEYS_LIKE);

    private final Clock clock;
    private final NavigableMap<String, Entry> entries = new TreeMap<>();
    private long version;
    private boolean closed;

    public InMemoryStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<StateItem> get(GetRequest request) {
        checkOpen();
        checkKey(request.key());
        return live(request.key()).map(entry -> entry.toItem(request.key()));
    }

    @Override
    public synchronized void set(SetRequest request) {
        checkOpen();
        checkSet(request);
        apply(request);
    }

    @Override
    public synchronized void delete(DeleteRequest request) {
        checkOpen();
        checkDelete(request);
        entries.remove(request.key());
    }

    @Override
    public synchronized void transact(List<TransactionOperation> operations) {
        checkOpen();
        // Each step is checked against the state the earlier steps left, and a failing step rolls back all.
        NavigableMap<String, Entry> before = new TreeMap<>(entries);
        long versionBefore = version;
        try {
            for (TransactionOperation operation : operations) {
                if (operation instanceof TransactionOperation.Set set) {
                    checkSet(set.request());
                    apply(set.request());
                } else {
                    DeleteRequest delete = ((TransactionOperation.Delete) operation).request();
                    checkDelete(delete);
                    entries.remove(delete.key());
                }
            }
        } catch (StateStoreException e) {
            entries.clear();
            entries.putAll(before);
            version = versionBefore;
            throw e;
        }
    }

    @Override
    public synchronized KeyPage listKeys(String prefix, String cursor, int limit) {
        checkOpen();
        if (limit < 1) {
            throw new InvalidRequestException("Invalid limit " + limit + " for listing keys: use 1 or more.");
        }
        String from = cursor == null ? prefix : cursor;
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Entry> candidate : entries.tailMap(from, cursor == null).entrySet()) {
            if (!candidate.getKey().startsWith(prefix)) {
                break;
            }
            if (candidate.getValue().isExpired(clock.instant())) {
                continue;
            }
            if (keys.size() == limit) {
                return new KeyPage(keys, Optional.of(keys.get(keys.size() - 1)));
            }
            keys.add(candidate.getKey());
        }
        return new KeyPage(keys, Optional.empty());
    }

    @Override
    public synchronized long deleteWithPrefix(String prefix) {
        checkOpen();
        if (prefix.isEmpty()) {
            throw new InvalidRequestException("Empty prefix for deleteWithPrefix: pass a non-empty prefix; "
                    + "deleting every key needs an explicit loop.");
        }
        long count = 0;
        var iterator = entries.tailMap(prefix, true).entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<String, Entry> candidate = iterator.next();
            if (!candidate.getKey().startsWith(prefix)) {
                break;
            }
            if (!candidate.getValue().isExpired(clock.instant())) {
                count++;
            }
            iterator.remove();
        }
        return count;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public synchronized void close() {
        closed = true;
        entries.clear();
    }

    private void apply(SetRequest request) {
        Optional<Duration> ttl = request.effectiveTtl();
        Instant expiresAt = ttl.map(duration -> clock.instant().plus(duration)).orElse(null);
        version++;
        entries.put(request.key(), new Entry(request.value(), Long.toString(version),
                request.contentType().orElse(null), expiresAt));
    }

    private void checkSet(SetRequest request) {
        checkKey(request.key());
        request.effectiveTtl();
        checkEtag(request.key(), request.etag().orElse(null), request.concurrency());
    }

    private void checkDelete(DeleteRequest request) {
        checkKey(request.key());
        checkEtag(request.key(), request.etag(), request.concurrency());
    }

    private void checkEtag(String key, String etag, Concurrency concurrency) {
        Optional<Entry> current = live(key);
        if (etag != null) {
            if (!etag.chars().allMatch(Character::isDigit) || etag.isEmpty()) {
                throw new InvalidEtagException("Invalid ETag '" + etag + "' for key '" + key
                        + "': pass the ETag that get returned.");
            }
            if (current.isEmpty() || !current.get().etag().equals(etag)) {
                throw new EtagMismatchException("ETag mismatch for key '" + key + "': the item changed or was "
                        + "deleted since you read it; read it again and retry.");
            }
        } else if (concurrency == Concurrency.FIRST_WRITE && current.isPresent()) {
            throw new EtagMismatchException("First-write failed for key '" + key + "': the item already exists; "
                    + "read it and pass its ETag to overwrite it.");
        }
    }

    private Optional<Entry> live(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.isExpired(clock.instant())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This state store is closed; open a new one.");
        }
    }

    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new InvalidRequestException("Invalid key '': keys must not be empty.");
        }
    }

    private record Entry(byte[] value, String etag, String contentType, Instant expiresAt) {
        boolean isExpired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }

        StateItem toItem(String key) {
            StateItem.Builder builder = StateItem.builder(key).value(value).etag(etag).contentType(contentType)
                    .expiresAt(expiresAt);
            if (expiresAt != null) {
                builder.metadata(Map.of("ttlExpireTime", DateTimeFormatter.ISO_INSTANT.format(expiresAt)));
            }
            return builder.build();
        }
    }
}
