package dev.statestore.harness;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Chooses the emulator runtime: the container where a Docker engine responds, the process otherwise. */
public final class WorkerdKvRuntimes {
    /** System property that forces a runtime: {@code container}, {@code process} or {@code auto}. */
    public static final String PROPERTY = "statestore.harness.runtime";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerdKvRuntimes.class);

    /** The runtimes of the emulator. */
    public enum Runtime {
        AUTO,
        CONTAINER,
        PROCESS
    }

    private WorkerdKvRuntimes() {
    }

    /** Creates an unstarted emulator of {@code runtime}; {@code AUTO} reads {@value #PROPERTY}, then probes Docker. */
    public static WorkerdKv create(Runtime runtime) {
        Runtime chosen = resolve(runtime);
        return chosen == Runtime.CONTAINER ? new WorkerdKvContainer() : new WorkerdKvProcess();
    }

    /** Returns the runtime {@code AUTO} stands for on this machine, or {@code runtime} itself. */
    public static Runtime resolve(Runtime runtime) {
        if (runtime != Runtime.AUTO) {
            return runtime;
        }
        String forced = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
        try {
            Runtime fromProperty = Runtime.valueOf(forced);
            if (fromProperty != Runtime.AUTO) {
                return fromProperty;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + PROPERTY + " '" + forced.toLowerCase(Locale.ROOT)
                    + "': use container, process or auto.", e);
        }
        if (isDockerAvailable()) {
            return Runtime.CONTAINER;
        }
        LOG.info("No Docker engine answers; running workerd as a process");
        return Runtime.PROCESS;
    }

    /** Tells whether a Docker engine responds. */
    public static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
