package dev.statestore.harness;

import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a container test does without Docker: skip where Docker is optional (a laptop), fail where the
 * system property {@value #PROPERTY} is {@code true} or the environment variable {@code CI} is {@code true}
 * (CI installs and starts Docker, so its absence there is a failure).
 */
public final class DockerRequirement {
    public static final String PROPERTY = "statestore.docker.required";

    private DockerRequirement() {
    }

    public static void check() {
        boolean available = WorkerdKvRuntimes.isDockerAvailable();
        boolean required = Boolean.getBoolean(PROPERTY) || "true".equalsIgnoreCase(System.getenv("CI"));
        if (required && !available) {
            throw new IllegalStateException("No Docker engine answers, and " + PROPERTY + "=true requires one: "
                    + "start dockerd (see .ci/run).");
        }
        Assumptions.assumeTrue(available, "No Docker engine answers; container tests are skipped");
    }
}
