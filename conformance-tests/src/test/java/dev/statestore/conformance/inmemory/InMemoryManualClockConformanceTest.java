package dev.statestore.conformance.inmemory;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.ManualClock;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.spi.memory.InMemoryStateStore;
import java.time.Instant;

/** The suite against the in-memory store on a manual clock, so that the expiry scenarios run too. */
class InMemoryManualClockConformanceTest extends StateStoreConformance {

    @Override
    protected ConformanceTarget target() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        return ConformanceTarget.of(() -> new InMemoryStateStore(clock))
                .withClock(clock)
                .withRejectedKeys("")
                .withMalformedEtag("not-a-version");
    }
}
