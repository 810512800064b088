package dev.statestore.harness.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.control.FaultSpec;
import dev.statestore.worker.WorkerScript;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every route and status of worker.js, spoken to over raw HTTP with valid tokens, in front of the simulated KV. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WorkerdKvProcess emulator;
    private TokenSigner signer;

    @BeforeAll
    void start() {
        emulator = new WorkerdKvProcess();
        emulator.start();
        signer = new TokenSigner(PrivateKeys.parse(emulator.keyPair().privateKeyPem()), emulator.workerName(),
                Clock.systemUTC(), true);
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void reset() {
        emulator.control().reset();
    }

    @Test
    void infoReportsVersionBindingsAndExtensions() throws Exception {
        HttpResponse<String> response = send("GET", "/.well-known/dapr/info", null);
        assertEquals(200, response.statusCode());
        JsonNode info = JSON.readTree(response.body());
        assertEquals(WorkerScript.version(), info.path("version").asText());
        assertEquals(List.of(emulator.namespaceId()), List.of(info.path("kv").get(0).asText()));
        assertTrue(info.path("queues").isArray());
        assertEquals(128, info.path("extensions").path("batch").path("maxKeys").asInt());
        assertTrue(info.path("extensions").path("expiration").asBoolean());
        assertEquals(1000, info.path("extensions").path("list").path("maxLimit").asInt());
        assertTrue(info.path("extensions").path("contentType").asBoolean());
    }

    @Test
    void setGetDeleteStatuses() throws Exception {
        assertEquals(404, send("GET", kv("k"), null).statusCode());
        assertEquals(201, send("POST", kv("k"), "v").statusCode());
        HttpResponse<String> found = send("GET", kv("k"), null);
        assertEquals(200, found.statusCode());
        assertEquals("v", found.body());
        assertEquals("application/octet-stream", found.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(found.headers().firstValue("X-KV-Expiration").isPresent());
        assertEquals(204, send("DELETE", kv("k"), null).statusCode());
        assertEquals(404, send("GET", kv("k"), null).statusCode());
    }

    @Test
    void ttlIsReportedAsExpirationHeader() throws Exception {
        long now = emulator.control().now().getEpochSecond();
        assertEquals(201, send("POST", kv("k") + "?ttl=120", "v").statusCode());
        long expiration = Long.parseLong(send("GET", kv("k"), null).headers().firstValue("X-KV-Expiration").orElseThrow());
        assertTrue(Math.abs(expiration - (now + 120)) <= 2, "expiration " + expiration + " vs now " + now);
    }

    @Test
    void contentTypeIsStoredAsMetadata() throws Exception {
        HttpRequest request = request("POST", kv("doc"), "{}").header("X-KV-Content-Type", "application/json").build();
        assertEquals(201, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("application/json", send("GET", kv("doc"), null).headers().firstValue("X-KV-Content-Type").orElseThrow());
        assertTrue(emulator.control().entry("doc").orElseThrow().metadata().orElseThrow().contains("application/json"));
    }

    @Test
    void plainPutStoresNoMetadata() throws Exception {
        send("POST", kv("plain"), "v");
        assertEquals(java.util.Optional.empty(), emulator.control().entry("plain").orElseThrow().metadata(),
                "entries must stay identical to what Dapr's Worker writes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "0", "-5", "abc", "1.5", "2147483648"})
    void invalidTtlIsRejected(String ttl) throws Exception {
        HttpResponse<String> response = send("POST", kv("k") + "?ttl=" + ttl, "v");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(0, emulator.control().count());
    }

    @ParameterizedTest
    @CsvSource({"/kv/%s/%%FF%%FE, 400", "/kv/%s/%%2E, 400", "/kv/%s/%%2E%%2E, 404"})
    void malformedKeysAreRejected(String pathTemplate, int expectedStatus) throws Exception {
        // URL parsing removes %2E and %2E%2E path segments before they reach the Worker: "." leaves an empty
        // key (400) and ".." leaves the path /kv/ (404).
        HttpResponse<String> response = send("GET", String.format(pathTemplate, emulator.namespaceId()), null);
        assertEquals(expectedStatus, response.statusCode(), response.body());
    }

    @Test
    void overlongKeyIsRejectedWith400() throws Exception {
        HttpResponse<String> response = send("POST", kv("k".repeat(513)), "v");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("513"), response.body());
    }

    @Test
    void unknownNamespaceIs412() throws Exception {
        assertEquals(412, send("GET", "/kv/other-namespace/k", null).statusCode());
        assertEquals(412, send("POST", "/batch/other-namespace", "{\"ops\":[]}").statusCode());
        assertEquals(412, send("GET", "/list/other-namespace", null).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/kv", "/kv/ns", "/something/else", "/kv/ns/a/b"})
    void otherRoutesAre404(String path) throws Exception {
        assertEquals(404, send("GET", path, null).statusCode());
    }

    @Test
    void batchRunsOperationsInOrder() throws Exception {
        String value = Base64.getEncoder().encodeToString("batched".getBytes(StandardCharsets.UTF_8));
        String body = "{\"ops\":[{\"op\":\"set\",\"key\":\"a b\",\"value\":\"" + value + "\",\"ttl\":120},"
                + "{\"op\":\"get\",\"key\":\"a b\"},{\"op\":\"get\",\"key\":\"missing\"},"
                + "{\"op\":\"delete\",\"key\":\"a b\"},{\"op\":\"get\",\"key\":\"a b\"},"
                + "{\"op\":\"set\",\"key\":\"..\",\"value\":\"\"}]}";
        HttpResponse<String> response = send("POST", "/batch/" + emulator.namespaceId(), body);
        assertEquals(200, response.statusCode());
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertEquals(6, results.size());
        assertEquals(201, results.get(0).path("status").asInt());
        assertEquals(200, results.get(1).path("status").asInt());
        assertEquals(value, results.get(1).path("value").asText());
        assertTrue(results.get(1).has("expiration"));
        assertEquals(404, results.get(2).path("status").asInt());
        assertEquals(204, results.get(3).path("status").asInt());
        assertEquals(404, results.get(4).path("status").asInt());
        assertEquals(400, results.get(5).path("status").asInt());
    }

    @Test
    void oversizedBatchIsRejected() throws Exception {
        StringBuilder body = new StringBuilder("{\"ops\":[");
        for (int i = 0; i < 129; i++) {
            body.append(i == 0 ? "" : ",").append("{\"op\":\"get\",\"key\":\"k").append(i).append("\"}");
        }
        body.append("]}");
        assertEquals(400, send("POST", "/batch/" + emulator.namespaceId(), body.toString()).statusCode());
        assertEquals(400, send("POST", "/batch/" + emulator.namespaceId(), "not json").statusCode());
    }

    @Test
    void listReturnsUnescapedKeysWithCursor() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("POST", kv("p%2F" + i), "v");
        }
        send("POST", kv("other"), "v");
        JsonNode page = JSON.readTree(send("GET", "/list/" + emulator.namespaceId() + "?prefix=p%2F&limit=3", null).body());
        assertEquals(3, page.path("keys").size());
        assertEquals("p/0", page.path("keys").get(0).path("key").asText());
        assertFalse(page.path("complete").asBoolean());
        String cursor = page.path("cursor").asText();
        JsonNode rest = JSON.readTree(send("GET", "/list/" + emulator.namespaceId() + "?prefix=p%2F&limit=3&cursor="
                + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8), null).body());
        assertEquals(2, rest.path("keys").size());
        assertTrue(rest.path("complete").asBoolean());
        assertEquals(400, send("GET", "/list/" + emulator.namespaceId() + "?limit=1001", null).statusCode());
    }

    @Test
    void invalidCursorIsCallersError() throws Exception {
        HttpResponse<String> response = send("GET", "/list/" + emulator.namespaceId() + "?cursor=garbage%21%21", null);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("cursor"), response.body());
    }

    @Test
    void rateLimitedKvStaysRetryable() throws Exception {
        emulator.control().addFault(FaultSpec.failNext("get", 1, 429));
        assertEquals(502, send("GET", kv("k"), null).statusCode(), "429 from KV is temporary, so 502 and not 400");
    }

    @Test
    void kvFailureIs502NotCrash() throws Exception {
        emulator.control().addFault(FaultSpec.failNext("get", 1, 500));
        HttpResponse<String> response = send("GET", kv("k"), null);
        assertEquals(502, response.statusCode());
        assertEquals(404, send("GET", kv("k"), null).statusCode(), "the Worker serves again after the fault");
    }

    @Test
    void valueOverLimitIsRejectedBeforeKv() throws Exception {
        byte[] tooLarge = new byte[25 * 1024 * 1024 + 1];
        HttpRequest request = request("POST", kv("big"), null)
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() == 400 || response.statusCode() == 413, "status " + response.statusCode());
        } catch (java.io.IOException e) {
            // The Worker may respond from the Content-Length alone and close the connection while the client is
            // still sending the body, so the client gets a closed connection instead of a response.
            assertTrue(e.getMessage() != null, "connection ended: " + e);
        }
        assertEquals(0, emulator.control().count());
        assertEquals(404, send("GET", kv("big"), null).statusCode(), "the Worker still serves");
    }

    private String kv(String escapedKey) {
        return "/kv/" + emulator.namespaceId() + "/" + escapedKey;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(URI.create(emulator.workerUrl() + path))
                .header("Authorization", "Bearer " + signer.token()).method(method, publisher);
    }
}
