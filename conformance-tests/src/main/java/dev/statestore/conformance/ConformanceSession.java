package dev.statestore.conformance;

import dev.statestore.api.Feature;
import dev.statestore.api.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * One scenario's view of the target: an empty store opened for this scenario, its declared features, and the
 * checks that skip a scenario whose precondition the store does not meet. Not thread-safe, except
 * {@link #store()}, which is as thread-safe as every {@link StateStore}.
 */
public final class ConformanceSession implements AutoCloseable {
    /**
     * Lower bound of the TTL used in scenarios. It is long enough that an item does not expire on a real
     * clock while a scenario runs.
     */
    private static final Duration MIN_SCENARIO_TTL = Duration.ofSeconds(60);

    private final ConformanceTarget target;
    private final StateStore store;
    private final Set<Feature> features;

    ConformanceSession(ConformanceTarget target, StateStore store) {
        this.target = target;
        this.store = store;
        this.features = Set.copyOf(store.features());
    }

    public StateStore store() {
        return store;
    }

    public ConformanceTarget target() {
        return target;
    }

    public Set<Feature> features() {
        return features;
    }

    /** Skips the calling scenario unless the store declares {@code feature}. */
    public void requireFeature(Feature feature) {
        Assumptions.assumeTrue(features.contains(feature), () -> "skipped: store lacks feature " + feature);
    }

    /** Skips the calling scenario, which checks the rejection of {@code feature}, when the store declares it. */
    public void requireFeatureAbsent(Feature feature) {
        Assumptions.assumeFalse(features.contains(feature),
                () -> "skipped: store declares feature " + feature + ", so its rejection is not checked");
    }

    /** Returns the clock control, or skips the calling scenario when the target declares none. */
    public ClockControl requireClock() {
        Assumptions.assumeTrue(target.clock().isPresent(),
                "skipped: target declares no clock control (ConformanceTarget.withClock), so expiry by time "
                        + "is not checked");
        return target.clock().orElseThrow();
    }

    /** Returns the store's current time: the clock control's, or this machine's when there is none. */
    public Instant now() {
        return target.clock().map(ClockControl::now).orElseGet(Instant::now);
    }

    /** Returns the TTL that scenarios write with: the target's minimum TTL, but at least 60 seconds. */
    public Duration scenarioTtl() {
        Duration minTtl = target.minTtl();
        return minTtl.compareTo(MIN_SCENARIO_TTL) > 0 ? minTtl : MIN_SCENARIO_TTL;
    }

    /** Closes the store. */
    @Override
    public void close() {
        store.close();
    }
}
