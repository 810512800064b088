package dev.statestore.harness.e2e;

import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvProcess;

/** The end-to-end path with workerd as a plain process. */
class ProcessEndToEndTest extends EndToEndContract {
    @Override
    WorkerdKv createEmulator() {
        return new WorkerdKvProcess();
    }
}
