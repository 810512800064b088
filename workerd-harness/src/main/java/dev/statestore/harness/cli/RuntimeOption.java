package dev.statestore.harness.cli;

import dev.statestore.harness.WorkerdKvRuntimes;
import picocli.CommandLine.Option;

/** The {@code --runtime} option shared by commands that start an emulator. */
final class RuntimeOption {
    @Option(names = "--runtime", defaultValue = "process",
            description = "Where workerd runs: process, container or auto (container when a Docker engine responds). "
                    + "Default: ${DEFAULT-VALUE}.")
    String runtime;

    WorkerdKvRuntimes.Runtime value() {
        try {
            return WorkerdKvRuntimes.Runtime.valueOf(runtime.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid --runtime '" + runtime + "': use process, container or auto.");
        }
    }
}
