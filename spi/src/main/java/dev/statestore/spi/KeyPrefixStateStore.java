package dev.statestore.spi;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a store so that every key the application names is stored as {@code prefix + key}, and keys coming
 * back (items, bulk results, listings) lose the prefix again.
 */
final class KeyPrefixStateStore implements StateStore {
    private final StateStore delegate;
    private final String prefix;

    KeyPrefixStateStore(StateStore delegate, String prefix) {
        this.delegate = delegate;
        this.prefix = prefix;
    }

    @Override
    public Optional<StateItem> get(GetRequest request) {
        return delegate.get(prefixed(request)).map(this::unprefixed);
    }

    /** Runs {@code start} and turns an exception it throws into a failed future, as asynchronous methods report errors. */
    private static <T> CompletableFuture<T> async(java.util.function.Supplier<CompletableFuture<T>> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Rejects the empty key, which the prefix would otherwise turn into a valid stored key. */
    private static String checked(String key) {
        if (key.isEmpty()) {
            throw new InvalidRequestException("Invalid key '': keys must not be empty.");
        }
        return key;
    }

    @Override
    public void set(SetRequest request) {
        delegate.set(prefixed(request));
    }

    @Override
    public void delete(DeleteRequest request) {
        delegate.delete(prefixed(request));
    }

    @Override
    public List<BulkGetResult> bulkGet(List<String> keys, BulkOptions options) {
        List<BulkGetResult> results = delegate.bulkGet(keys.stream().map(this::prefixedKey).toList(), options)
                .stream().map(this::unprefixed).toList();
        return withEmptyKeysRejected(keys, results);
    }

    @Override
    public void bulkSet(List<SetRequest> requests, BulkOptions options) {
        delegate.bulkSet(requests.stream().map(this::prefixed).toList(), options);
    }

    @Override
    public void bulkDelete(List<DeleteRequest> requests, BulkOptions options) {
        delegate.bulkDelete(requests.stream().map(this::prefixed).toList(), options);
    }

    @Override
    public void transact(List<TransactionOperation> operations) {
        delegate.transact(operations.stream().map(operation -> operation instanceof TransactionOperation.Set set
                ? TransactionOperation.set(prefixed(set.request()))
                : TransactionOperation.delete(prefixed(((TransactionOperation.Delete) operation).request())))
                .toList());
    }

    @Override
    public KeyPage listKeys(String keyPrefix, String cursor, int limit) {
        KeyPage page = delegate.listKeys(prefix + keyPrefix, cursor, limit);
        return new KeyPage(page.keys().stream().map(this::strip).toList(), page.cursor());
    }

    @Override
    public long deleteWithPrefix(String keyPrefix) {
        if (keyPrefix.isEmpty()) {
            // Passing the bare prefix on would delete every key of this application, so the empty prefix is
            // handed to the delegate, which rejects it.
            return delegate.deleteWithPrefix("");
        }
        return delegate.deleteWithPrefix(prefix + keyPrefix);
    }

    @Override
    public CompletableFuture<Optional<StateItem>> getAsync(GetRequest request) {
        return async(() -> delegate.getAsync(prefixed(request)).thenApply(item -> item.map(this::unprefixed)));
    }

    @Override
    public CompletableFuture<Void> setAsync(SetRequest request) {
        return async(() -> delegate.setAsync(prefixed(request)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(DeleteRequest request) {
        return async(() -> delegate.deleteAsync(prefixed(request)));
    }

    @Override
    public CompletableFuture<List<BulkGetResult>> bulkGetAsync(List<String> keys, BulkOptions options) {
        return delegate.bulkGetAsync(keys.stream().map(this::prefixedKey).toList(), options)
                .thenApply(results -> withEmptyKeysRejected(keys, results.stream().map(this::unprefixed).toList()));
    }

    @Override
    public CompletableFuture<Void> bulkSetAsync(List<SetRequest> requests, BulkOptions options) {
        return async(() -> delegate.bulkSetAsync(requests.stream().map(this::prefixed).toList(), options));
    }

    @Override
    public CompletableFuture<Void> bulkDeleteAsync(List<DeleteRequest> requests, BulkOptions options) {
        return async(() -> delegate.bulkDeleteAsync(requests.stream().map(this::prefixed).toList(), options));
    }

    @Override
    public Set<Feature> features() {
        return delegate.features();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Returns the wrapped store. */
    StateStore delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return delegate + " with key prefix '" + prefix + "'";
    }

    /**
     * Prefixes a bulk key. The empty key is passed on unprefixed, so the delegate reports it as invalid in its
     * own result for that key.
     */
    private String prefixedKey(String key) {
        return key.isEmpty() ? key : prefix + key;
    }

    private static List<BulkGetResult> withEmptyKeysRejected(List<String> keys, List<BulkGetResult> results) {
        List<BulkGetResult> checked = new java.util.ArrayList<>(results);
        for (int i = 0; i < keys.size() && i < checked.size(); i++) {
            if (keys.get(i).isEmpty()) {
                checked.set(i, BulkGetResult.failed("",
                        new InvalidRequestException("Invalid key '': keys must not be empty.")));
            }
        }
        return checked;
    }

    private GetRequest prefixed(GetRequest request) {
        return new GetRequest(prefix + checked(request.key()), request.consistency(), request.metadata());
    }

    private SetRequest prefixed(SetRequest request) {
        SetRequest.Builder builder = SetRequest.builder(prefix + checked(request.key()), request.value())
                .concurrency(request.concurrency()).consistency(request.consistency())
                .metadata(request.metadata());
        request.etag().ifPresent(builder::etag);
        request.ttl().ifPresent(builder::ttl);
        request.contentType().ifPresent(builder::contentType);
        return builder.build();
    }

    private DeleteRequest prefixed(DeleteRequest request) {
        return new DeleteRequest(prefix + checked(request.key()), request.etag(), request.concurrency(),
                request.consistency(), request.metadata());
    }

    private StateItem unprefixed(StateItem item) {
        String key = strip(item.key());
        return key.equals(item.key()) ? item : rebuild(item, key);
    }

    private BulkGetResult unprefixed(BulkGetResult result) {
        return new BulkGetResult(strip(result.key()), result.item().map(this::unprefixed), result.error());
    }

    private static StateItem rebuild(StateItem item, String key) {
        StateItem.Builder builder = StateItem.builder(key).value(item.value()).metadata(item.metadata());
        item.etag().ifPresent(builder::etag);
        item.contentType().ifPresent(builder::contentType);
        item.expiresAt().ifPresent(builder::expiresAt);
        return builder.build();
    }

    private String strip(String key) {
        return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
    }
}
