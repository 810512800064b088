package dev.statestore.conformance.selftest;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import dev.statestore.spi.memory.InMemoryStateStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The in-memory store with one planted {@link Defect}; everything else is delegated unchanged. */
final class DefectiveStore implements StateStore {
    private final InMemoryStateStore delegate;
    private final Defect defect;
    private final ThreadLocal<SetRequest> pendingWrite = new ThreadLocal<>();

    /** Creates a store whose TTLs run on {@code clock}; {@link Defect#NEVER_EXPIRES} passes a frozen clock. */
    DefectiveStore(Clock clock, Defect defect) {
        this.delegate = new InMemoryStateStore(clock);
        this.defect = defect;
    }

    @Override
    public Optional<StateItem> get(GetRequest request) {
        String key = key(request.key());
        SetRequest pending = pendingWrite.get();
        if (pending != null && pending.key().equals(key)) {
            return Optional.of(StateItem.of(key, pending.value()));
        }
        Optional<StateItem> item = delegate.get(new GetRequest(key, request.consistency(), request.metadata()));
        if (defect == Defect.EMPTY_VALUE_READS_AS_ABSENT && item.isPresent() && item.get().valueLength() == 0) {
            return Optional.empty();
        }
        return item.map(found -> rekey(found, request.key()));
    }

    @Override
    public void set(SetRequest request) {
        SetRequest changed = request;
        if (defect == Defect.DECODES_KEYS) {
            changed = rebuild(request, key(request.key()));
        }
        if (defect == Defect.IGNORES_ETAG) {
            changed = changed.toBuilder().etag(null).build();
        }
        if (defect == Defect.IGNORES_UNDECLARED_TTL) {
            changed = changed.toBuilder().ttl(null).metadata(Map.of()).build();
        }
        if (defect == Defect.WRITE_BEHIND_PER_THREAD) {
            SetRequest previous = pendingWrite.get();
            pendingWrite.set(changed);
            if (previous != null) {
                delegate.set(previous);
            }
            return;
        }
        delegate.set(changed);
    }

    @Override
    public void delete(DeleteRequest request) {
        DeleteRequest changed = new DeleteRequest(key(request.key()), request.etag(), request.concurrency(),
                request.consistency(), request.metadata());
        if (defect == Defect.IGNORES_ETAG) {
            changed = changed.withEtag(null);
        }
        SetRequest pending = pendingWrite.get();
        if (pending != null && pending.key().equals(changed.key())) {
            pendingWrite.remove();
        }
        delegate.delete(changed);
    }

    @Override
    public List<BulkGetResult> bulkGet(List<String> keys, BulkOptions options) {
        List<BulkGetResult> results = StateStore.super.bulkGet(keys, options);
        if (defect != Defect.BULK_GET_DROPS_MISSING_KEYS) {
            return results;
        }
        List<BulkGetResult> found = new ArrayList<>();
        for (BulkGetResult result : results) {
            if (result.item().isPresent()) {
                found.add(result);
            }
        }
        return found;
    }

    @Override
    public void bulkDelete(List<DeleteRequest> requests, BulkOptions options) {
        if (defect == Defect.BULK_DELETE_SKIPS_LAST_KEY && !requests.isEmpty()) {
            StateStore.super.bulkDelete(requests.subList(0, requests.size() - 1), options);
            return;
        }
        StateStore.super.bulkDelete(requests, options);
    }

    @Override
    public void transact(List<TransactionOperation> operations) {
        if (defect != Defect.TRANSACTION_NOT_ATOMIC) {
            delegate.transact(operations);
            return;
        }
        for (TransactionOperation operation : operations) {
            delegate.transact(List.of(operation));
        }
    }

    @Override
    public KeyPage listKeys(String prefix, String cursor, int limit) {
        return delegate.listKeys(prefix, cursor, limit);
    }

    @Override
    public long deleteWithPrefix(String prefix) {
        return delegate.deleteWithPrefix(prefix);
    }

    @Override
    public Set<Feature> features() {
        if (defect == Defect.IGNORES_UNDECLARED_TTL) {
            Set<Feature> features = EnumSet.copyOf(delegate.features());
            features.remove(Feature.TTL);
            return features;
        }
        return delegate.features();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private String key(String key) {
        return defect == Defect.DECODES_KEYS ? URLDecoder.decode(key, StandardCharsets.UTF_8) : key;
    }

    private static SetRequest rebuild(SetRequest request, String key) {
        SetRequest.Builder builder = SetRequest.builder(key, request.value()).concurrency(request.concurrency())
                .consistency(request.consistency()).ttl(request.ttl().orElse(null)).metadata(request.metadata());
        request.etag().ifPresent(builder::etag);
        request.contentType().ifPresent(builder::contentType);
        return builder.build();
    }

    private static StateItem rekey(StateItem item, String key) {
        StateItem.Builder builder = StateItem.builder(key).value(item.value()).metadata(item.metadata());
        item.etag().ifPresent(builder::etag);
        item.contentType().ifPresent(builder::contentType);
        item.expiresAt().ifPresent(builder::expiresAt);
        return builder.build();
    }
}
