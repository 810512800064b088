package dev.statestore.conformance.workerskv;

import dev.statestore.harness.WorkerdKvRuntimes;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a container run does without Docker: skip where Docker is optional (a laptop), fail where the
 * system property {@value #PROPERTY} is {@code true} or the environment variable {@code CI} is {@code true}
 * (CI installs and starts Docker, so its absence there is a failure). The same rule as the harness's own
 * container tests.
 */
final class DockerRequirement {
    static final String PROPERTY = "statestore.docker.required";

    private DockerRequirement() {
    }

    static void check() {
        boolean available = WorkerdKvRuntimes.isDockerAvailable();
        boolean required = Boolean.getBoolean(PROPERTY) || "true".equalsIgnoreCase(System.getenv("CI"));
        if (required && !available) {
            throw new IllegalStateException("No Docker engine responds, and " + PROPERTY + "=true or CI=true "
                    + "requires one: start dockerd (see .ci/run).");
        }
        Assumptions.assumeTrue(available, "No Docker engine responds; container conformance runs are skipped");
    }
}
