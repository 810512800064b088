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
        boolean startNow;
        synchronized (this) {
            startNow = inFlight < maxInFlight;
            if (startNow) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (startNow) {
            start.run();
        }
        return result;
    }

    /** Returns the number of operations running now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }
}
