package dev.statestore.benchmarks.load;

/** One blocking operation of a load cell; the driver calls it from several threads at once. */
@FunctionalInterface
public interface BlockingOperation {

    /** Runs operation number {@code sequence} (0, 1, 2 … within one phase) and throws when it fails. */
    void run(long sequence) throws Exception;
}
