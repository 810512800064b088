package dev.statestore.harness.e2e;

import dev.statestore.harness.DockerRequirement;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvContainer;

/** The end-to-end path with workerd in a Testcontainers container. */
class ContainerEndToEndTest extends EndToEndContract {
    @Override
    WorkerdKv createEmulator() {
        DockerRequirement.check();
        return new WorkerdKvContainer();
    }
}
