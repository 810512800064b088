package dev.statestore.conformance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that does not move until {@link #advance(Duration)} moves it. Give it to a store that takes a
 * {@code Clock} and to {@link ConformanceTarget#withClock(ClockControl)}. Thread-safe; clocks made by
 * {@link #withZone(ZoneId)} share the instant with this one.
 */
public final class ManualClock extends Clock implements ClockControl {
    private final AtomicReference<Instant> instant;
    private final ZoneId zone;

    /** Creates a clock that starts at {@code start}, in UTC. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Invalid clock step " + duration + ": a clock only moves forward.");
        }
        instant.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant now() {
        return instant.get();
    }

    @Override
    public Instant instant() {
        return instant.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(instant, newZone);
    }

    @Override
    public String toString() {
        return "ManualClock{" + instant.get() + ", " + zone + "}";
    }
}
