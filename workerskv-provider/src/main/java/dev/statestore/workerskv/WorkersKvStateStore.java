package dev.statestore.workerskv;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.UnavailableException;
import dev.statestore.api.UnsupportedFeatureException;
import dev.statestore.workerskv.http.AsyncLimiter;
import dev.statestore.workerskv.http.BatchOperation;
import dev.statestore.workerskv.http.BatchResult;
import dev.statestore.workerskv.http.KeyListing;
import dev.statestore.workerskv.http.RetryPolicy;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.http.WorkerInfo;
import dev.statestore.workerskv.keys.KeyEscaper;
import dev.statestore.workerskv.keys.KvLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A {@link StateStore} on Cloudflare Workers KV, reached through the Worker. KV has no compare-and-set, so
 * ETags and first-write concurrency are rejected with {@link UnsupportedFeatureException}, never ignored.
 * Reads are eventually consistent: a write is visible at once in the same data centre and elsewhere usually
 * within 60 seconds.
 *
 * <p>Bulk operations use the Worker's batch route when it advertises one, and otherwise bounded parallel
 * single requests, so they work unchanged against a Worker that speaks only the basic protocol (an older one,
 * or one deployed by Dapr). Listing and prefix deletion need the Worker's list route. At most
 * {@value #MAX_IN_FLIGHT} requests of one store are in flight at once; more wait in a queue.
 */
public final class WorkersKvStateStore implements StateStore {
    /** Bound on concurrent requests of one store. */
    public static final int MAX_IN_FLIGHT = 64;
    /** Largest page the Worker's list route returns. */
    static final int MAX_LIST_LIMIT = 1000;
    /** Share of the Worker's batch byte limit that one request body may use, leaving room for JSON overhead. */
    private static final double BATCH_BODY_SHARE = 0.9;

    private final WorkerClient client;
    private final WorkerInfo info;
    private final Set<Feature> features;
    private final Runnable onClose;
    private final AsyncLimiter limiter = new AsyncLimiter(MAX_IN_FLIGHT);
    private volatile boolean closed;

    WorkersKvStateStore(WorkerClient client, WorkerInfo info, Runnable onClose) {
        this.client = client;
        this.info = info;
        this.onClose = onClose;
        EnumSet<Feature> supported = EnumSet.of(Feature.TTL);
        if (info.supports("list")) {
            supported.add(Feature.KEYS_LIKE);
            supported.add(Feature.DELETE_WITH_PREFIX);
        }
        this.features = Set.copyOf(supported);
    }

    /** Returns what the Worker reported at start-up. */
    public WorkerInfo workerInfo() {
        return info;
    }

    @Override
    public Optional<StateItem> get(GetRequest request) {
        return join(getAsync(request));
    }

    @Override
    public void set(SetRequest request) {
        join(setAsync(request));
    }

    @Override
    public void delete(DeleteRequest request) {
        join(deleteAsync(request));
    }

    @Override
    public CompletableFuture<Optional<StateItem>> getAsync(GetRequest request) {
        return start(() -> {
            KeyEscaper.escape(request.key());
            return limiter.submit(() -> client.get(request.key()));
        });
    }

    @Override
    public CompletableFuture<Void> setAsync(SetRequest request) {
        return start(() -> {
            BatchOperation operation = checkedSet(request);
            return limiter.submit(() -> client.put(operation.key(), operation.value(), operation.ttlSeconds(),
                    operation.contentType()));
        });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(DeleteRequest request) {
        return start(() -> {
            checkDelete(request);
            return limiter.submit(() -> client.delete(request.key()));
        });
    }

    @Override
    public List<BulkGetResult> bulkGet(List<String> keys, BulkOptions options) {
        return join(bulkGetAsync(keys, options));
    }

    @Override
    public void bulkSet(List<SetRequest> requests, BulkOptions options) {
        join(bulkSetAsync(requests, options));
    }

    @Override
    public void bulkDelete(List<DeleteRequest> requests, BulkOptions options) {
        join(bulkDeleteAsync(requests, options));
    }

    @Override
    public CompletableFuture<List<BulkGetResult>> bulkGetAsync(List<String> keys, BulkOptions options) {
        return start(() -> {
            List<BulkGetResult> results = new ArrayList<>(keys.size());
            List<Integer> pending = new ArrayList<>();
            for (int index = 0; index < keys.size(); index++) {
                String key = keys.get(index);
                try {
                    KeyEscaper.escape(key);
                    results.add(null);
                    pending.add(index);
                } catch (InvalidRequestException e) {
                    results.add(BulkGetResult.failed(key, e));
                }
            }
            List<BatchOperation> operations = pending.stream().map(index -> BatchOperation.get(keys.get(index)))
                    .toList();
            return runBulk(operations, options).thenApply(outcomes -> {
                for (int i = 0; i < pending.size(); i++) {
                    results.set(pending.get(i), outcomes.get(i).toGetResult(operations.get(i).key()));
                }
                return results;
            });
        });
    }

    @Override
    public CompletableFuture<Void> bulkSetAsync(List<SetRequest> requests, BulkOptions options) {
        return start(() -> {
            List<BatchOperation> operations = requests.stream().map(this::checkedSet).toList();
            return runBulk(operations, options).thenApply(outcomes -> throwFailures("bulk set", outcomes));
        });
    }

    @Override
    public CompletableFuture<Void> bulkDeleteAsync(List<DeleteRequest> requests, BulkOptions options) {
        return start(() -> {
            List<BatchOperation> operations = new ArrayList<>(requests.size());
            for (DeleteRequest request : requests) {
                checkDelete(request);
                operations.add(BatchOperation.delete(request.key()));
            }
            return runBulk(operations, options).thenApply(outcomes -> throwFailures("bulk delete", outcomes));
        });
    }

    @Override
    public KeyPage listKeys(String prefix, String cursor, int limit) {
        requireList(Feature.KEYS_LIKE);
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new InvalidRequestException("Invalid limit " + limit + " for listing keys: use 1 to "
                    + MAX_LIST_LIMIT + ".");
        }
        KeyListing page = join(start(() -> limiter.submit(() -> client.list(prefix, cursor, limit))));
        return new KeyPage(page.keys(), page.cursor());
    }

    @Override
    public long deleteWithPrefix(String prefix) {
        requireList(Feature.DELETE_WITH_PREFIX);
        if (prefix.isEmpty()) {
            throw new InvalidRequestException("Empty prefix for deleteWithPrefix: pass a non-empty prefix; "
                    + "deleting every key needs an explicit loop.");
        }
        // One pass over the listing, following its cursor: KV listings are eventually consistent, so listing
        // again until nothing is left could see deleted keys for up to a minute and loop on them.
        long deleted = 0;
        String cursor = null;
        do {
            KeyPage page = listKeys(prefix, cursor, MAX_LIST_LIMIT);
            if (!page.keys().isEmpty()) {
                bulkDelete(page.keys().stream().map(DeleteRequest::of).toList());
                deleted += page.keys().size();
            }
            cursor = page.cursor().orElse(null);
        } while (cursor != null);
        return deleted;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "WorkersKvStateStore{worker=" + client.baseUrl() + ", version=" + info.version() + "}";
    }

    private BatchOperation checkedSet(SetRequest request) {
        checkConcurrency(request.key(), request.etag().orElse(null), request.concurrency());
        KeyEscaper.escape(request.key());
        if (request.valueLength() > KvLimits.MAX_VALUE_BYTES) {
            throw new InvalidRequestException("Value of key '" + request.key() + "' is too large: "
                    + request.valueLength() + " bytes, and Workers KV takes at most " + KvLimits.MAX_VALUE_BYTES
                    + " bytes (25 MiB). Split the value or store it elsewhere.");
        }
        Long ttlSeconds = request.effectiveTtl().map(ttl -> ttlSeconds(request.key(), ttl)).orElse(null);
        return BatchOperation.set(request.key(), request.value(), ttlSeconds, request.contentType().orElse(null));
    }

    private static void checkDelete(DeleteRequest request) {
        checkConcurrency(request.key(), request.etag(), request.concurrency());
        KeyEscaper.escape(request.key());
    }

    private void requireList(Feature feature) {
        if (!info.supports("list")) {
            throw new UnsupportedFeatureException(feature, "The Worker at " + client.baseUrl() + " (version "
                    + info.version() + ") offers no list route, so " + feature + " is unavailable; deploy the "
                    + "bundled worker.js to get it.");
        }
    }

    /**
     * Runs operations through the batch route in chunks, or as bounded parallel single requests when the
     * Worker has no batch route. Operations that failed with a retryable status inside a batch are retried
     * on their own, which applies the client's retry policy to them.
     */
    private CompletableFuture<List<Outcome>> runBulk(List<BatchOperation> operations, BulkOptions options) {
        if (operations.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        AsyncLimiter bulkLimiter = new AsyncLimiter(options.parallelism());
        if (!info.supports("batch") || info.batchMaxKeys() < 1) {
            return all(operations.stream().map(operation -> bulkLimiter.submit(() -> single(operation))).toList());
        }
        List<CompletableFuture<List<Outcome>>> chunks = new ArrayList<>();
        for (List<BatchOperation> chunk : chunk(operations)) {
            chunks.add(bulkLimiter.submit(() -> limiter.submit(() -> client.batch(chunk))
                    .thenCompose(results -> retryFailed(chunk, results))));
        }
        return all(chunks).thenApply(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private CompletableFuture<List<Outcome>> retryFailed(List<BatchOperation> chunk, List<BatchResult> results) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            BatchResult result = results.get(i);
            boolean tooLargeForBatch = result.status() == 413 && chunk.get(i).type().equals("get");
            if (RetryPolicy.isRetryableStatus(result.status()) || tooLargeForBatch) {
                BatchOperation operation = chunk.get(i);
                outcomes.add(limiter.submit(() -> single(operation)));
            } else {
                outcomes.add(CompletableFuture.completedFuture(Outcome.of(chunk.get(i), result)));
            }
        }
        return all(outcomes);
    }

    private CompletableFuture<Outcome> single(BatchOperation operation) {
        CompletableFuture<Outcome> outcome = switch (operation.type()) {
            case "get" -> client.get(operation.key()).thenApply(Outcome::found);
            case "set" -> client.put(operation.key(), operation.value(), operation.ttlSeconds(),
                    operation.contentType()).thenApply(ignored -> Outcome.done());
            default -> client.delete(operation.key()).thenApply(ignored -> Outcome.done());
        };
        return outcome.exceptionally(error -> Outcome.failed(unwrap(error)));
    }

    private List<List<BatchOperation>> chunk(List<BatchOperation> operations) {
        long maxBytes = info.batchMaxBytes() > 0 ? (long) (BATCH_BODY_SHARE * info.batchMaxBytes()) : Long.MAX_VALUE;
        List<List<BatchOperation>> chunks = new ArrayList<>();
        List<BatchOperation> current = new ArrayList<>();
        long currentBytes = 0;
        for (BatchOperation operation : operations) {
            long size = operation.encodedSize();
            if (!current.isEmpty() && (current.size() == info.batchMaxKeys() || currentBytes + size > maxBytes)) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(operation);
            currentBytes += size;
        }
        chunks.add(current);
        return chunks;
    }

    private static Void throwFailures(String operation, List<Outcome> outcomes) {
        List<String> failures = new ArrayList<>();
        StateStoreException first = null;
        for (Outcome outcome : outcomes) {
            if (outcome.error() != null) {
                failures.add(outcome.error().getMessage());
                first = first == null ? outcome.error() : first;
            }
        }
        if (first == null) {
            return null;
        }
        if (failures.size() == 1) {
            throw first;
        }
        String message = operation + " failed for " + failures.size() + " of " + outcomes.size()
                + " keys; the others were applied. First failures: " + String.join(" | ",
                        failures.subList(0, Math.min(3, failures.size())));
        throw first.isRetryable() ? new UnavailableException(message, first) : new StateStoreException(message, first);
    }

    private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** The outcome of one operation of a bulk: a found item, absence, done, or an error. */
    private record Outcome(Optional<StateItem> item, StateStoreException error) {
        static Outcome found(Optional<StateItem> item) {
            return new Outcome(item, null);
        }

        static Outcome done() {
            return new Outcome(Optional.empty(), null);
        }

        static Outcome failed(Throwable error) {
            StateStoreException failure = error instanceof StateStoreException stateStoreException
                    ? stateStoreException : new StateStoreException(error.toString(), error);
            return new Outcome(Optional.empty(), failure);
        }

        static Outcome of(BatchOperation operation, BatchResult result) {
            int status = result.status();
            if (status == 200 && result.value() != null) {
                StateItem.Builder builder = StateItem.builder(operation.key()).value(result.value());
                result.contentType().ifPresent(builder::contentType);
                result.expiration().ifPresent(seconds -> {
                    Instant expiresAt = Instant.ofEpochSecond(seconds);
                    builder.expiresAt(expiresAt);
                    builder.metadata(Map.of("ttlExpireTime", DateTimeFormatter.ISO_INSTANT.format(expiresAt)));
                });
                return found(Optional.of(builder.build()));
            }
            if (status == 404 || status == 201 || status == 204 || status == 200) {
                return done();
            }
            String reason = result.error().orElse("no reason given");
            String subject = operation.type() + " of key '" + operation.key() + "' in a batch";
            if (status == 400 || status == 413) {
                return failed(new InvalidRequestException("Worker rejected " + subject + " as invalid (HTTP "
                        + status + "): " + reason));
            }
            return failed(new StateStoreException(subject + " failed with HTTP " + status + ": " + reason));
        }

        BulkGetResult toGetResult(String key) {
            if (error != null) {
                return BulkGetResult.failed(key, error);
            }
            return item.map(BulkGetResult::found).orElseGet(() -> BulkGetResult.missing(key));
        }
    }

    private static long ttlSeconds(String key, Duration ttl) {
        if (ttl.getNano() != 0) {
            throw new InvalidRequestException("Invalid TTL " + ttl + " for key '" + key
                    + "': Workers KV takes whole seconds; round it to seconds.");
        }
        long seconds = ttl.getSeconds();
        if (seconds < KvLimits.MIN_TTL_SECONDS) {
            throw new InvalidRequestException("Invalid TTL of " + seconds + " seconds for key '" + key
                    + "': Workers KV requires at least " + KvLimits.MIN_TTL_SECONDS + " seconds.");
        }
        long maxSeconds = KvLimits.MAX_EXPIRATION_SECONDS - Instant.now().getEpochSecond();
        if (seconds > maxSeconds) {
            throw new InvalidRequestException("Invalid TTL of " + seconds + " seconds for key '" + key
                    + "': Workers KV stores expirations as 32-bit Unix times, so the expiration may not pass "
                    + KvLimits.MAX_EXPIRATION_SECONDS + " and the TTL may be at most " + maxSeconds + " seconds now.");
        }
        return seconds;
    }

    private static void checkConcurrency(String key, String etag, Concurrency concurrency) {
        if (etag != null) {
            throw new UnsupportedFeatureException(Feature.ETAG, "ETag given for key '" + key
                    + "', but Workers KV has no compare-and-set (feature ETAG): remove the ETag.");
        }
        if (concurrency == Concurrency.FIRST_WRITE) {
            throw new UnsupportedFeatureException(Feature.ETAG, "First-write concurrency requested for key '" + key
                    + "', but Workers KV has no compare-and-set (feature ETAG): use last-write.");
        }
    }

    private <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> operation) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("This state store is closed."));
        }
        try {
            return operation.get().exceptionallyCompose(error -> CompletableFuture.failedFuture(unwrap(error)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                // Rethrown with the caller's stack added, so the blocking call site shows up in the trace.
                runtime.addSuppressed(new StateStoreException("called from here"));
                throw runtime;
            }
            throw new StateStoreException("Operation failed: " + cause, cause);
        }
    }
}
