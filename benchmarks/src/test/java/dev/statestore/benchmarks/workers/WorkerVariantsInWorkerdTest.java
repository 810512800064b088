package dev.statestore.benchmarks.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.worker.WorkerScript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated Worker scripts served by the real workerd, as the benchmark serves them. */
class WorkerVariantsInWorkerdTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path scripts;

    @Test
    void bundledWorkerRejectsGetWithoutToken() throws Exception {
        try (WorkerdKvProcess emulator = new WorkerdKvProcess()) {
            emulator.start();

            HttpResponse<String> response = get(kvUrl(emulator, "k1"));

            assertEquals(401, response.statusCode());
        }
    }

    @Test
    void workerWithoutAuthenticationServesGetWithoutToken() throws Exception {
        String source = WorkerScripts.withoutAuthentication(WorkerScript.source(), "worker.js");
        Path script = WorkerScripts.write(scripts, "worker-without-auth.js", source);

        try (WorkerdKvProcess emulator = new WorkerdKvProcess().withWorkerScript(script)) {
            emulator.start();
            try (StateStore store = emulator.openStateStore()) {
                store.set(SetRequest.of("k1", "hello".getBytes(StandardCharsets.UTF_8)));
            }

            HttpResponse<String> found = get(kvUrl(emulator, "k1"));
            HttpResponse<String> absent = get(kvUrl(emulator, "k2"));

            assertEquals(200, found.statusCode());
            assertEquals("hello", found.body());
            assertEquals(404, absent.statusCode());
        }
    }

    @Test
    void noOpWorkerAnswersEveryPath() throws Exception {
        Path script = WorkerScripts.write(scripts, "no-op-worker.js", WorkerScripts.noOpWorker(100));

        try (WorkerdKvProcess emulator = new WorkerdKvProcess().withWorkerScript(script)) {
            emulator.start();

            HttpResponse<String> response = get(emulator.workerUrl().resolve("/no-op"));

            assertEquals(200, response.statusCode());
            assertEquals("x".repeat(100), response.body());
        }
    }

    private static URI kvUrl(WorkerdKvProcess emulator, String key) {
        return URI.create(emulator.workerUrl() + "/kv/" + emulator.namespaceId() + "/" + key);
    }

    private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
