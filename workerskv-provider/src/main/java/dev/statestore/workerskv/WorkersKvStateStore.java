package dev.statestore.workerskv;

import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.UnsupportedFeatureException;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.http.WorkerInfo;
import dev.statestore.workerskv.keys.KeyEscaper;
import dev.statestore.workerskv.keys.KvLimits;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A {@link StateStore} on Cloudflare Workers KV, reached through the Worker. KV has no compare-and-set, so
 * ETags and first-write concurrency are rejected with {@link UnsupportedFeatureException}, never ignored.
 * Reads are eventually consistent: a write is visible at once in the same data centre and elsewhere usually
 * within 60 seconds.
 */
public final class WorkersKvStateStore implements StateStore {
    private final WorkerClient client;
    private final WorkerInfo info;
    private final Set<Feature> features;
    private final Runnable onClose;
    private volatile boolean closed;

    WorkersKvStateStore(WorkerClient client, WorkerInfo info, Runnable onClose) {
        this.client = client;
        this.info = info;
        this.onClose = onClose;
        this.features = Set.copyOf(EnumSet.of(Feature.TTL));
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
        return start(() -> client.get(request.key()));
    }

    @Override
    public CompletableFuture<Void> setAsync(SetRequest request) {
        return start(() -> {
            checkConcurrency(request.key(), request.etag().orElse(null), request.concurrency());
            KeyEscaper.escape(request.key());
            if (request.valueLength() > KvLimits.MAX_VALUE_BYTES) {
                throw new InvalidRequestException("Value of key '" + request.key() + "' is too large: "
                        + request.valueLength() + " bytes, and Workers KV takes at most " + KvLimits.MAX_VALUE_BYTES
                        + " bytes (25 MiB). Split the value or store it elsewhere.");
            }
            Long ttlSeconds = request.effectiveTtl().map(ttl -> ttlSeconds(request.key(), ttl)).orElse(null);
            return client.put(request.key(), request.value(), ttlSeconds, request.contentType().orElse(null));
        });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(DeleteRequest request) {
        return start(() -> {
            checkConcurrency(request.key(), request.etag(), request.concurrency());
            return client.delete(request.key());
        });
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
        if (seconds > KvLimits.MAX_TTL_SECONDS) {
            throw new InvalidRequestException("Invalid TTL of " + seconds + " seconds for key '" + key
                    + "': Workers KV takes at most " + KvLimits.MAX_TTL_SECONDS + " seconds.");
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

    private <T> CompletableFuture<T> start(java.util.function.Supplier<CompletableFuture<T>> operation) {
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
