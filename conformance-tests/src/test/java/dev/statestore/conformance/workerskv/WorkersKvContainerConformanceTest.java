package dev.statestore.conformance.workerskv;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.harness.WorkerdKvContainer;

/**
 * The suite against {@code state.cloudflare.workerskv}, with workerd in a Testcontainers container. Skipped
 * without a Docker engine, except where {@link DockerRequirement} requires one.
 */
class WorkersKvContainerConformanceTest extends StateStoreConformance {

    @Override
    protected ConformanceTarget target() {
        DockerRequirement.check();
        return WorkersKvTargets.start(new WorkerdKvContainer());
    }
}
