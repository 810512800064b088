package dev.statestore.workerskv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

    /** Operations whose completion the test controls, counting how many run at once and in which order they start. */
    private static final class Operations {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Integer>> gates = new ArrayList<>();

        Operations(int count) {
            for (int i = 0; i < count; i++) {
                gates.add(new CompletableFuture<>());
            }
        }

        CompletableFuture<Integer> start(int index) {
            started.add(index);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            return gates.get(index).whenComplete((value, error) -> running.decrementAndGet());
        }

        List<CompletableFuture<Integer>> submitAll(AsyncLimiter limiter) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < gates.size(); i++) {
                int index = i;
                results.add(limiter.submit(() -> start(index)));
            }
            return results;
        }
    }

    @Test
    void rejectsZeroBound() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new AsyncLimiter(0));

        assertTrue(error.getMessage().contains("0"), error.getMessage());
    }

    @Test
    void startsOnlyUpToBound() {
        AsyncLimiter limiter = new AsyncLimiter(2);
        Operations operations = new Operations(5);

        operations.submitAll(limiter);

        assertEquals(List.of(0, 1), operations.started);
        assertEquals(2, limiter.inFlight());
    }

    @Test
    void neverExceedsBound() {
        AsyncLimiter limiter = new AsyncLimiter(2);
        Operations operations = new Operations(6);
        List<CompletableFuture<Integer>> results = operations.submitAll(limiter);

        for (int index : List.of(1, 0, 3, 2, 5, 4)) {
            operations.gates.get(index).complete(index * 10);
        }

        assertEquals(2, operations.maxRunning.get());
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * 10, results.get(i).join());
        }
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void queuedStartInFifoOrder() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        Operations operations = new Operations(5);
        operations.submitAll(limiter);

        for (int index = 0; index < 5; index++) {
            assertEquals(index + 1, operations.started.size());
            operations.gates.get(index).complete(index);
        }

        assertEquals(List.of(0, 1, 2, 3, 4), operations.started);
    }

    @Test
    void fifoWhenCompletedOutOfOrder() {
        AsyncLimiter limiter = new AsyncLimiter(3);
        Operations operations = new Operations(7);
        operations.submitAll(limiter);

        operations.gates.get(2).complete(2);
        operations.gates.get(0).complete(0);
        operations.gates.get(4).complete(4);
        operations.gates.get(1).complete(1);

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), operations.started);
    }

    @Test
    void failurePropagatesAndFreesSlot() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        Operations operations = new Operations(2);
        List<CompletableFuture<Integer>> results = operations.submitAll(limiter);
        IllegalStateException failure = new IllegalStateException("operation 0 failed");

        operations.gates.get(0).completeExceptionally(failure);

        ExecutionException error = assertThrows(ExecutionException.class, () -> results.get(0).get());
        assertSame(failure, error.getCause());
        assertEquals(List.of(0, 1), operations.started);
    }

    @Test
    void thrownExceptionFreesSlot() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        IllegalArgumentException failure = new IllegalArgumentException("bad request");

        CompletableFuture<Integer> thrown = limiter.submit(() -> {
            throw failure;
        });
        CompletableFuture<Integer> next = limiter.submit(() -> CompletableFuture.completedFuture(7));

        ExecutionException error = assertThrows(ExecutionException.class, thrown::get);
        assertSame(failure, error.getCause());
        assertEquals(7, next.join());
        assertEquals(0, limiter.inFlight());
    }

    @Test
    void concurrentSubmittersStayWithinBound() throws Exception {
        int bound = 4;
        AsyncLimiter limiter = new AsyncLimiter(bound);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        ExecutorService completer = Executors.newFixedThreadPool(4);
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<CompletableFuture<Integer>>> submitted = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int value = i;
                submitted.add(CompletableFuture.supplyAsync(() -> limiter.submit(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    return CompletableFuture.supplyAsync(() -> {
                        running.decrementAndGet();
                        return value;
                    }, completer);
                }), submitters));
            }

            long sum = 0;
            for (CompletableFuture<CompletableFuture<Integer>> future : submitted) {
                sum += future.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            }

            assertEquals(399L * 400 / 2, sum);
            assertTrue(maxRunning.get() <= bound, "max running " + maxRunning.get());
            assertEquals(0, limiter.inFlight());
        } finally {
            completer.shutdownNow();
            submitters.shutdownNow();
        }
    }

    @Test
    void resultNotCompleteBeforeOperation() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        Operations operations = new Operations(1);

        List<CompletableFuture<Integer>> results = operations.submitAll(limiter);

        assertFalse(results.get(0).isDone());
    }

    @Test
    void manyQueuedSynchronousOperationsAllComplete() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<Integer> gate = new CompletableFuture<>();
        limiter.submit(() -> gate);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int value = i;
            queued.add(limiter.submit(() -> CompletableFuture.completedFuture(value)));
        }

        gate.complete(-1);

        assertEquals(10_000, queued.stream().filter(CompletableFuture::isDone).count());
        assertEquals(0, limiter.inFlight());
    }
}
