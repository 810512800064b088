package dev.statestore.harness.runtime;

import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a started workerd serves both the Worker and the control API. */
public final class Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    /**
     * Polls until the control API is healthy and the Worker answers (any HTTP status counts), or throws when
     * {@code timeout} passes or {@code stillRunning} turns false.
     */
    public static void await(URI workerUrl, KvControlClient control, Duration timeout, BooleanSupplier stillRunning,
            String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 10;
        while (true) {
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException(description + " exited during start-up; see its log above.");
            }
            if (control.isHealthy() && answers(workerUrl)) {
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

    private static boolean answers(URI workerUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(workerUrl.resolve("/.well-known/dapr/info"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
