package dev.statestore.harness.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@code workerd} binary: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT}, {@code node_modules/workerd/bin/workerd} in the working directory or a parent (where
 * {@code npm ci} puts the pinned version), then {@code workerd} on the {@code PATH}.
 */
public final class WorkerdBinary {
    public static final String PROPERTY = "statestore.workerd.binary";
    public static final String ENVIRONMENT = "WORKERD_BINARY";
    /** The npm version of workerd this project is built and tested with, pinned in its package-lock.json. */
    public static final String PINNED_VERSION = "1.20261117.1";
    private static final Path NPM_PATH = Path.of("node_modules", "workerd", "bin", "workerd");

    private WorkerdBinary() {
    }

    /** Returns the binary, or throws with every place that was searched. */
    public static Path find() {
        List<String> searched = new ArrayList<>();
        Optional<Path> found = fromSetting(System.getProperty(PROPERTY), "system property " + PROPERTY, searched)
                .or(() -> fromSetting(System.getenv(ENVIRONMENT), "environment variable " + ENVIRONMENT, searched))
                .or(() -> fromNodeModules(searched))
                .or(() -> fromPath(searched));
        return found.orElseThrow(() -> new IllegalStateException("workerd binary not found; searched "
                + String.join(", ", searched) + ". Install it with 'npm install workerd@" + PINNED_VERSION
                + "' in this folder or a parent, or set " + ENVIRONMENT + " to the binary's path."));
    }

    private static Optional<Path> fromSetting(String value, String source, List<String> searched) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        searched.add(source + " (" + path + ")");
        return Files.isExecutable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    }

    private static Optional<Path> fromNodeModules(List<String> searched) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(NPM_PATH);
            searched.add(candidate.toString());
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> fromPath(List<String> searched) {
        String path = System.getenv("PATH");
        searched.add("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "workerd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
