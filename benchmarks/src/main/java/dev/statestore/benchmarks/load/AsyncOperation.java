package dev.statestore.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/** One asynchronous operation of a load cell; the driver bounds how many are in flight. */
@FunctionalInterface
public interface AsyncOperation {

    /** Starts operation number {@code sequence} (0, 1, 2 … within one phase); the future fails when it fails. */
    CompletableFuture<?> start(long sequence);
}
