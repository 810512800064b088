package dev.statestore.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Worker scripts used by tests, copied from test resources to files that workerd can embed. */
public final class TestWorkers {

    private TestWorkers() {
    }

    /** Returns a file holding the basic-protocol Worker, which behaves like an older or a Dapr-deployed one. */
    public static Path basicWorker() {
        return copy("/workers/basic-worker.js");
    }

    private static Path copy(String resource) {
        try (InputStream in = TestWorkers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Test resource " + resource + " is missing");
            }
            Path file = Files.createTempFile("statestore-test-worker-", ".js");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + resource, e);
        }
    }
}
