package dev.statestore.harness.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that no event announces, such as a delayed write reaching the simulated KV. */
final class Poll {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Poll() {
    }

    /**
     * Checks {@code condition} until it is true, or throws an AssertionError naming {@code description} after
     * {@code timeout}.
     */
    static void until(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
