package dev.statestore.harness.runtime;

import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a started workerd serves both the Worker and the control API. */
public final class Readiness {
    private Readiness() {
    }

    /**
     * Polls until the control API is healthy (and reports {@code instanceId}, unless that is null) and the
     * Worker's port accepts connections, or throws when
     * {@code timeout} passes or {@code stillRunning} turns false.
     */
    public static void await(URI workerUrl, KvControlClient control, String instanceId, Duration timeout,
            BooleanSupplier stillRunning, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 10;
        while (true) {
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException(description + " exited during start-up; see its log above.");
            }
            if (control.isHealthy(instanceId) && answers(workerUrl) && stillRunning.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(description + " did not become ready within " + timeout
                        + " (Worker " + workerUrl + ", control " + control.baseUrl() + ").");
            }
            try {
                // Polling a port that is not bound yet; there is no event to wait on.
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + description, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 200);
        }
    }

    /** Tells whether the Worker's port accepts connections; works for HTTP and HTTPS alike. */
    private static boolean answers(URI workerUrl) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(workerUrl.getHost(), workerUrl.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
