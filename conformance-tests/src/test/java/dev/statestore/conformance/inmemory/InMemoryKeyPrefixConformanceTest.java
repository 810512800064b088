package dev.statestore.conformance.inmemory;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.spi.StateStores;
import java.util.Map;

/**
 * The suite against {@code state.in-memory} with Dapr's {@code keyPrefix} metadata, so that every key passes
 * through the prefix wrapper that {@code StateStores} puts around a provider.
 */
class InMemoryKeyPrefixConformanceTest extends StateStoreConformance {
    @Override
    protected ConformanceTarget target() {
        return ConformanceTarget
                .of(() -> StateStores.create("state.in-memory", Map.of("keyPrefix", "tenant-a")))
                .withRejectedKeys("")
                .withMalformedEtag("not-a-version");
    }
}
