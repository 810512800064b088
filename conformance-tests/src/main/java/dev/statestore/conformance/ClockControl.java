package dev.statestore.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Control of the clock that a store measures TTLs on, so that TTL scenarios can step time instead of waiting.
 * For the in-memory store this is a {@link ManualClock}; for the Workers KV emulator it is the simulated KV's
 * virtual clock.
 */
public interface ClockControl {

    /** Moves the store's clock forward by {@code duration}, which is positive. */
    void advance(Duration duration);

    /** Returns the store's current time. */
    Instant now();

    /** Creates a clock control from an action that moves the clock and a source of the current time. */
    static ClockControl of(Consumer<Duration> advance, Supplier<Instant> now) {
        Objects.requireNonNull(advance, "advance");
        Objects.requireNonNull(now, "now");
        return new ClockControl() {
            @Override
            public void advance(Duration duration) {
                advance.accept(duration);
            }

            @Override
            public Instant now() {
                return now.get();
            }
        };
    }
}
