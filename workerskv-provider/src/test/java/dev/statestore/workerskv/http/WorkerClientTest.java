package dev.statestore.workerskv.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.TimedOutException;
import dev.statestore.api.UnavailableException;
import dev.statestore.workerskv.LocalWorker;
import dev.statestore.workerskv.LocalWorker.Reply;
import dev.statestore.workerskv.TestKeys;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerClientTest {
    private static final RetryPolicy FAST_RETRIES = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TokenSigner signer =
            new TokenSigner(PrivateKeys.parse(TestKeys.ed25519PrivatePem()), "statestore-kv", Clock.systemUTC(), true);
    private final LocalWorker worker = LocalWorker.start(WorkerClientTest::reply);

    /**
     * Returns the reply for a key: {@code status-NNN} always gets NNN, {@code flaky} gets 503 once, and
     * {@code hang} gets no reply.
     */
    private static Reply reply(LocalWorker.Request request, int attempt) {
        String key = request.rawPath().substring("/kv/ns/".length());
        if (key.startsWith("status-")) {
            int status = Integer.parseInt(key.substring("status-".length()));
            return Reply.of(status, "reason for " + status);
        }
        if (key.equals("echo")) {
            return Reply.of(500, "rejected header Authorization: " + request.header("Authorization"));
        }
        if (key.equals("flaky")) {
            return attempt == 1 ? Reply.of(503, "busy") : Reply.of(200, "flaky-value");
        }
        if (key.equals("hang")) {
            return Reply.untilClose();
        }
        if (key.equals("found")) {
            return Reply.of(200, "found-value").withHeader(WorkerClient.CONTENT_TYPE_HEADER, "text/plain")
                    .withHeader(WorkerClient.EXPIRATION_HEADER, "1893456000");
        }
        if (request.method().equals("POST")) {
            return Reply.of(201);
        }
        if (request.method().equals("DELETE")) {
            return Reply.of(204);
        }
        return Reply.of(404);
    }

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    private WorkerClient client(Duration timeout) {
        return new WorkerClient(http, worker.url(), "ns", signer, timeout, FAST_RETRIES);
    }

    private WorkerClient client() {
        return client(Duration.ofSeconds(10));
    }

    /** Waits for a future that must fail and returns its cause, after checking that no token leaked into it. */
    private Throwable failure(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertNoTokenIn(error.getCause());
        return error.getCause();
    }

    private void assertNoTokenIn(Throwable error) {
        List<String> tokens = worker.requests().stream().map(request -> request.header("Authorization"))
                .map(header -> header.substring("Bearer ".length())).distinct().toList();
        assertFalse(tokens.isEmpty(), "the server received no token");
        for (Throwable current = error; current != null; current = current.getCause()) {
            for (String token : tokens) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(String.valueOf(current.getMessage()).contains(signature), "token in: " + current);
                assertFalse(current.toString().contains(signature), "token in: " + current);
            }
        }
    }

    @Test
    void getFound() throws Exception {
        StateItem item = client().get("found").get(30, TimeUnit.SECONDS).orElseThrow();

        assertEquals("found", item.key());
        assertEquals("found-value", item.valueAsString());
        assertEquals(Optional.of("text/plain"), item.contentType());
        assertEquals(Optional.of(Instant.ofEpochSecond(1893456000)), item.expiresAt());
    }

    @Test
    void getMissing() throws Exception {
        assertEquals(Optional.empty(), client().get("absent").get(30, TimeUnit.SECONDS));
    }

    @Test
    void requestCarriesBearerToken() throws Exception {
        client().get("absent").get(30, TimeUnit.SECONDS);

        String authorization = worker.requests().get(0).header("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertEquals(3, authorization.substring("Bearer ".length()).split("\\.").length, authorization);
    }

    @Test
    void keyEscapedInPath() throws Exception {
        client().get("a/b c?ń").get(30, TimeUnit.SECONDS);

        assertEquals("/kv/ns/a%2Fb%20c%3F%C5%84", worker.requests().get(0).rawPath());
    }

    @Test
    void putSendsValueTtlAndContentType() throws Exception {
        client().put("k1", "v1".getBytes(StandardCharsets.UTF_8), 120L, "text/plain").get(30, TimeUnit.SECONDS);

        LocalWorker.Request request = worker.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/kv/ns/k1", request.rawPath());
        assertEquals("ttl=120", request.rawQuery());
        assertEquals("text/plain", request.header(WorkerClient.CONTENT_TYPE_HEADER));
        assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), request.body());
    }

    @Test
    void deleteSendsDelete() throws Exception {
        client().delete("k1").get(30, TimeUnit.SECONDS);

        assertEquals("DELETE", worker.requests().get(0).method());
    }

    @Test
    void badRequestIsInvalidRequest() {
        Throwable error = failure(client().get("status-400"));

        assertInstanceOf(InvalidRequestException.class, error);
        assertTrue(error.getMessage().contains("'status-400'"), error.getMessage());
        assertTrue(error.getMessage().contains("reason for 400"), error.getMessage());
        assertEquals(1, worker.count("/kv/ns/status-400"));
    }

    @Test
    void unauthorizedExplainsToken() {
        Throwable error = failure(client().get("status-401"));

        assertEquals(StateStoreException.class, error.getClass());
        assertTrue(error.getMessage().contains("HTTP 401"), error.getMessage());
        assertTrue(error.getMessage().contains("PUBLIC_KEY"), error.getMessage());
        assertEquals(1, worker.count("/kv/ns/status-401"));
    }

    @Test
    void missingBindingNamesNamespace() {
        Throwable error = failure(client().get("status-412"));

        assertEquals(StateStoreException.class, error.getClass());
        assertTrue(error.getMessage().contains("no KV binding named 'ns'"), error.getMessage());
        assertEquals(1, worker.count("/kv/ns/status-412"));
    }

    @Test
    void otherClientErrorNotRetried() {
        Throwable error = failure(client().put("status-403", new byte[] {1}, null, null));

        assertEquals(StateStoreException.class, error.getClass());
        assertTrue(error.getMessage().contains("HTTP 403"), error.getMessage());
        assertEquals(1, worker.count("/kv/ns/status-403"));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void retryableStatusRetriedThenUnavailable(int status) {
        Throwable error = failure(client().get("status-" + status));

        assertInstanceOf(UnavailableException.class, error);
        assertTrue(error.getMessage().contains("HTTP " + status), error.getMessage());
        assertEquals(3, worker.count("/kv/ns/status-" + status));
    }

    @Test
    void retrySucceedsAfterTemporaryFailure() throws Exception {
        StateItem item = client().get("flaky").get(30, TimeUnit.SECONDS).orElseThrow();

        assertEquals("flaky-value", item.valueAsString());
        assertEquals(2, worker.count("/kv/ns/flaky"));
    }

    @Test
    void deleteRetriedOnServerError() {
        Throwable error = failure(client().delete("status-502"));

        assertInstanceOf(UnavailableException.class, error);
        assertEquals(3, worker.count("/kv/ns/status-502"));
    }

    @Test
    void silentWorkerTimesOut() {
        Throwable error = failure(client(Duration.ofSeconds(1)).get("hang"));

        assertInstanceOf(TimedOutException.class, error);
        assertTrue(error.getMessage().contains("'hang'"), error.getMessage());
        assertTrue(error.getMessage().contains("timeoutInSeconds"), error.getMessage());
    }

    @Test
    void unreachableWorkerUnavailable() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        WorkerClient client = new WorkerClient(http, closed, "ns", signer, Duration.ofSeconds(10), FAST_RETRIES);

        ExecutionException error =
                assertThrows(ExecutionException.class, () -> client.get("k1").get(30, TimeUnit.SECONDS));

        assertInstanceOf(UnavailableException.class, error.getCause());
        assertTrue(error.getCause().getMessage().contains("cannot reach Worker"), error.getCause().getMessage());
    }

    @Test
    void infoParsed() throws Exception {
        try (LocalWorker info = LocalWorker.start((request, attempt) -> Reply.of(200,
                "{\"version\":\"20240101\",\"kv\":[\"ns\"],\"extensions\":{\"list\":true,\"batch\":"
                        + "{\"maxKeys\":100,\"maxBytes\":1000000},\"off\":false}}"))) {
            WorkerClient client = new WorkerClient(http, info.url(), "ns", signer, Duration.ofSeconds(10),
                    FAST_RETRIES);

            WorkerInfo parsed = client.info().get(30, TimeUnit.SECONDS);

            assertEquals("20240101", parsed.version());
            assertEquals(List.of("ns"), parsed.namespaces());
            assertEquals(java.util.Set.of("list", "batch"), parsed.extensions());
            assertEquals(100, parsed.batchMaxKeys());
            assertEquals("/.well-known/dapr/info", info.requests().get(0).rawPath());
        }
    }

    @Test
    void echoedTokenNotInMessage() {
        failure(client().get("echo"));
    }
}
