package dev.statestore.workerskv.http;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds how many asynchronous operations are in flight at once without blocking the caller: an operation
 * over the bound waits in a FIFO queue and starts when an earlier one completes. Thread-safe.
 */
public final class AsyncLimiter {
    private final int maxInFlight;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;
    private int pendingReleases;
    private boolean draining;

    public AsyncLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /** Starts {@code operation} now or once a slot is free, and returns its eventual result. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = operation.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        synchronized (this) {
            if (inFlight >= maxInFlight) {
                waiting.add(start);
                return result;
            }
            inFlight++;
        }
        start.run();
        return result;
    }

    /** Returns the number of operations running now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /**
     * Frees a slot and starts waiting operations. An operation that completes at once calls this method again
     * from inside the loop. That call only counts a pending release, which the running loop handles, so a long
     * queue of synchronous operations cannot overflow the stack.
     */
    private void release() {
        synchronized (this) {
            pendingReleases++;
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                if (pendingReleases == 0) {
                    draining = false;
                    return;
                }
                pendingReleases--;
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                    continue;
                }
            }
            next.run();
        }
    }
}
