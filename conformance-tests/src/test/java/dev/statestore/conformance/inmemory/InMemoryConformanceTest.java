package dev.statestore.conformance.inmemory;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.spi.StateStores;
import java.util.Map;

/**
 * The suite against {@code state.in-memory} created as an application creates it, on the system clock. The
 * scenarios where items expire are skipped, because time cannot be stepped.
 */
class InMemoryConformanceTest extends StateStoreConformance {

    @Override
    protected ConformanceTarget target() {
        return ConformanceTarget.of(() -> StateStores.create("state.in-memory", Map.of()))
                .withRejectedKeys("")
                .withMalformedEtag("not-a-version");
    }
}
