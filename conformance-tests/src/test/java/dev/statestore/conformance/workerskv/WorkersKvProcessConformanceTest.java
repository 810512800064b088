package dev.statestore.conformance.workerskv;

import dev.statestore.conformance.ConformanceTarget;
import dev.statestore.conformance.StateStoreConformance;
import dev.statestore.harness.WorkerdKvProcess;

/** The suite against {@code state.cloudflare.workerskv}, with workerd as a process on this machine. */
class WorkersKvProcessConformanceTest extends StateStoreConformance {

    @Override
    protected ConformanceTarget target() {
        return WorkersKvTargets.start(new WorkerdKvProcess());
    }
}
