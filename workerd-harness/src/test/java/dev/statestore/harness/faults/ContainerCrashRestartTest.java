package dev.statestore.harness.faults;

import dev.statestore.harness.DockerRequirement;
import dev.statestore.harness.WorkerdKv;
import dev.statestore.harness.WorkerdKvContainer;
import dev.statestore.harness.runtime.Readiness;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Crashes of workerd in a container: {@code docker kill} (SIGKILL) and {@code docker start} of the same
 * container, through the Docker client of Testcontainers. NOTE: {@link WorkerdKvContainer} has no kill or
 * restart method of its own, so this test drives Docker directly.
 */
class ContainerCrashRestartTest extends CrashRestartContract {
    @Override
    WorkerdKv createEmulator(Path directory) {
        DockerRequirement.check();
        return new WorkerdKvContainer().withPersistence(directory);
    }

    @Override
    void kill(WorkerdKv running) {
        WorkerdKvContainer container = (WorkerdKvContainer) running;
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    void restart(WorkerdKv killed) {
        WorkerdKvContainer container = (WorkerdKvContainer) killed;
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        Readiness.await(container.workerUrl(), container.control(), null, Duration.ofSeconds(60), container::isRunning,
                "restarted workerd container " + container.getContainerId().substring(0, 12));
    }
}
