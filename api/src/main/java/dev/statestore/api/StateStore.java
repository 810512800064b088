package dev.statestore.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A key/value state store. Obtain one from {@code dev.statestore.spi.StateStores}; close it when done.
 *
 * <p>Providers implement {@link #get(GetRequest)}, {@link #set(SetRequest)}, {@link #delete(DeleteRequest)},
 * {@link #features()} and {@link #close()}; the other methods have defaults built on those that providers
 * override when they can do better (batch routes, native asynchronous I/O). Implementations are
 * thread-safe. Blocking methods throw {@link StateStoreException} subclasses; asynchronous methods complete
 * exceptionally with the same exceptions.
 */
public interface StateStore extends AutoCloseable {

    /** Reads one key; empty when the key is absent or expired. */
    Optional<StateItem> get(GetRequest request);

    /** Writes one key. */
    void set(SetRequest request);

    /** Deletes one key; deleting a missing key succeeds. */
    void delete(DeleteRequest request);

    /** Returns the optional capabilities of this store. */
    Set<Feature> features();

    /** Releases the store's resources; later calls fail. */
    @Override
    void close();

    default Optional<StateItem> get(String key) {
        return get(GetRequest.of(key));
    }

    /**
     * Reads one key and decodes its value: {@code byte[]} as stored, {@link String} as UTF-8, any other type
     * from JSON (Jackson must be on the class path).
     */
    default <T> Optional<T> get(String key, Class<T> type) {
        return get(key).map(item -> Values.decode(item.key(), item.value(), type));
    }

    default void set(String key, byte[] value) {
        set(SetRequest.of(key, value));
    }

    /** Writes one key that expires after {@code ttl}; requires {@link Feature#TTL}. */
    default void set(String key, byte[] value, Duration ttl) {
        set(SetRequest.builder(key, value).ttl(ttl).build());
    }

    /**
     * Writes one key with an encoded value: {@code byte[]} unchanged, {@link String} as UTF-8, any other
     * object as JSON (Jackson must be on the class path). The content type is recorded where the store keeps
     * one.
     */
    default void set(String key, Object value) {
        set(Values.toSetRequest(key, value).build());
    }

    default void delete(String key) {
        delete(DeleteRequest.of(key));
    }

    /** Reads many keys; the result has one entry per requested key, in request order. */
    default List<BulkGetResult> bulkGet(List<String> keys, BulkOptions options) {
        List<BulkGetResult> results = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                results.add(get(key).map(BulkGetResult::found).orElseGet(() -> BulkGetResult.missing(key)));
            } catch (StateStoreException e) {
                results.add(BulkGetResult.failed(key, e));
            }
        }
        return results;
    }

    default List<BulkGetResult> bulkGet(List<String> keys) {
        return bulkGet(keys, BulkOptions.DEFAULT);
    }

    /**
     * Writes many keys. Not atomic: when it throws, some writes may have been applied. Use
     * {@link #transact(List)} for all-or-nothing.
     */
    default void bulkSet(List<SetRequest> requests, BulkOptions options) {
        for (SetRequest request : requests) {
            set(request);
        }
    }

    default void bulkSet(List<SetRequest> requests) {
        bulkSet(requests, BulkOptions.DEFAULT);
    }

    /** Deletes many keys. Not atomic, like {@link #bulkSet(List, BulkOptions)}. */
    default void bulkDelete(List<DeleteRequest> requests, BulkOptions options) {
        for (DeleteRequest request : requests) {
            delete(request);
        }
    }

    default void bulkDelete(List<DeleteRequest> requests) {
        bulkDelete(requests, BulkOptions.DEFAULT);
    }

    /** Applies sets and deletes in order, all or none; requires {@link Feature#TRANSACTIONAL}. */
    default void transact(List<TransactionOperation> operations) {
        throw new UnsupportedFeatureException(Feature.TRANSACTIONAL,
                "This state store does not support transactions (feature TRANSACTIONAL); use single writes.");
    }

    /**
     * Lists keys that start with {@code prefix}, at most {@code limit} per page; pass the previous page's
     * cursor, or {@code null} for the first page. Requires {@link Feature#KEYS_LIKE}.
     */
    default KeyPage listKeys(String prefix, String cursor, int limit) {
        throw new UnsupportedFeatureException(Feature.KEYS_LIKE,
                "This state store does not support listing keys (feature KEYS_LIKE).");
    }

    /**
     * Deletes every key that starts with {@code prefix} and returns how many were deleted. Requires
     * {@link Feature#DELETE_WITH_PREFIX}.
     */
    default long deleteWithPrefix(String prefix) {
        throw new UnsupportedFeatureException(Feature.DELETE_WITH_PREFIX,
                "This state store does not support deleting by prefix (feature DELETE_WITH_PREFIX).");
    }

    default CompletableFuture<Optional<StateItem>> getAsync(GetRequest request) {
        return CompletableFuture.supplyAsync(() -> get(request));
    }

    default CompletableFuture<Void> setAsync(SetRequest request) {
        return CompletableFuture.runAsync(() -> set(request));
    }

    default CompletableFuture<Void> deleteAsync(DeleteRequest request) {
        return CompletableFuture.runAsync(() -> delete(request));
    }

    default CompletableFuture<List<BulkGetResult>> bulkGetAsync(List<String> keys, BulkOptions options) {
        return CompletableFuture.supplyAsync(() -> bulkGet(keys, options));
    }

    default CompletableFuture<Void> bulkSetAsync(List<SetRequest> requests, BulkOptions options) {
        return CompletableFuture.runAsync(() -> bulkSet(requests, options));
    }

    default CompletableFuture<Void> bulkDeleteAsync(List<DeleteRequest> requests, BulkOptions options) {
        return CompletableFuture.runAsync(() -> bulkDelete(requests, options));
    }
}
