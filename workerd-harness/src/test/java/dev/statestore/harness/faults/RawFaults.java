package dev.statestore.harness.faults;

import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Installs faults the simulated KV supports but {@code FaultSpec} cannot express, such as a drop after the write
 * was applied ({@code "drop":"after"}), by posting the JSON to the control API.
 */
public final class RawFaults {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RawFaults() {
    }

    /** Posts a fault spec as JSON, for example {@code {"operation":"put","drop":"after","failPercent":10}}. */
    public static void add(KvControlClient control, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.baseUrl() + "/control/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The control API rejected the fault " + json + " with HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot install the fault " + json, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the fault " + json, e);
        }
    }
}
