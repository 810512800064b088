package dev.statestore.harness.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.worker.WorkerScript;
import dev.statestore.workerskv.deploy.MultipartBody;
import dev.statestore.workerskv.deploy.WorkerUpload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake API's own contract, over real HTTP: authentication, routes, upload validation and deploy states. */
class FakeCloudflareApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKER = "orders-kv";
    private static final String NAMESPACE = "0f2ac74b498b48028cb68387c421e279";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String publicKey = Ed25519KeyPair.generate().publicKeyPem();
    private FakeCloudflareApi api;

    @BeforeEach
    void startApi() {
        api = new FakeCloudflareApi().withAccountId("acc42").withApiToken("token-42").withSubdomain("example")
                .start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void subdomainLookupReturnsSubdomain() throws Exception {
        JsonNode response = send("GET", "/accounts/acc42/workers/subdomain", "token-42", null, null);

        assertEquals(200, response.path("status").asInt());
        assertTrue(response.path("body").path("success").asBoolean());
        assertEquals("example", response.path("body").path("result").path("subdomain").asText());
    }

    @Test
    void missingTokenRejected() throws Exception {
        assertError(send("GET", "/accounts/acc42/workers/subdomain", null, null, null), 401, 9106);
    }

    @Test
    void wrongTokenRejected() throws Exception {
        JsonNode response = send("GET", "/accounts/acc42/workers/subdomain", "token-43", null, null);

        assertError(response, 401, 10000);
        assertEquals("Authentication error", response.path("body").path("errors").get(0).path("message").asText());
    }

    @Test
    void otherAccountRejected() throws Exception {
        assertError(send("GET", "/accounts/acc43/workers/subdomain", "token-42", null, null), 403, 10000);
    }

    @Test
    void unknownRouteRejected() throws Exception {
        assertError(send("GET", "/accounts/acc42/workers/scripts", "token-42", null, null), 404, 7000);
        assertError(send("DELETE", "/accounts/acc42/workers/scripts/" + WORKER, "token-42", null, null), 404, 7000);
    }

    @Test
    void uploadWithoutMetadataRejected() throws Exception {
        MultipartBody body = MultipartBody.builder()
                .addPart("worker.js", "worker.js", "application/javascript+module", bytes("export default {};"))
                .build();

        JsonNode response = upload(body);

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("no 'metadata' part"), message(response));
        assertEquals(0, api.uploadCount());
    }

    @Test
    void metadataThatIsNotJsonRejected() throws Exception {
        JsonNode response = upload(MultipartBody.builder().addTextPart("metadata", "application/json", "{oops")
                .build());

        assertError(response, 400, 10021);
        assertTrue(message(response).startsWith("could not read content for part metadata"), message(response));
    }

    @Test
    void missingMainModuleRejected() throws Exception {
        JsonNode response = upload(withMetadata(metadata().without("main_module")));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("missing main_module"), message(response));
    }

    @Test
    void mainModuleWithoutPartRejected() throws Exception {
        JsonNode response = upload(withMetadata(metadata().put("main_module", "index.js")));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("'index.js' names no part"), message(response));
    }

    @Test
    void moduleAsPlainScriptRejected() throws Exception {
        MultipartBody body = MultipartBody.builder()
                .addPart("metadata", null, "application/json", JSON.writeValueAsBytes(metadata()))
                .addPart("worker.js", "worker.js", "application/javascript", bytes(WorkerScript.source()))
                .build();

        JsonNode response = upload(body);

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("ES modules only"), message(response));
    }

    @Test
    void invalidCompatibilityDateRejected() throws Exception {
        JsonNode response = upload(withMetadata(metadata().put("compatibility_date", "24-09-23")));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("'24-09-23'"), message(response));
    }

    @Test
    void unsupportedBindingRejected() throws Exception {
        var metadata = metadata();
        metadata.withArray("bindings").addObject().put("type", "r2_bucket").put("name", "FILES")
                .put("bucket_name", "files");

        JsonNode response = upload(withMetadata(metadata));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("type 'r2_bucket'"), message(response));
    }

    @Test
    void kvBindingNameMustEqualId() throws Exception {
        var metadata = metadata();
        ((ObjectNode) metadata.withArray("bindings").get(0)).put("name", "KV");

        JsonNode response = upload(withMetadata(metadata));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("name and namespace_id must be equal"), message(response));
    }

    @Test
    void duplicateBindingNameRejected() throws Exception {
        var metadata = metadata();
        metadata.withArray("bindings").addObject().put("type", "plain_text").put("name", "PUBLIC_KEY")
                .put("text", "again");

        JsonNode response = upload(withMetadata(metadata));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("'PUBLIC_KEY' is used twice"), message(response));
    }

    @Test
    void missingTokenAudienceRejected() throws Exception {
        var metadata = metadata();
        metadata.withArray("bindings").remove(2);

        JsonNode response = upload(withMetadata(metadata));

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("TOKEN_AUDIENCE"), message(response));
    }

    @Test
    void enableBeforeUploadRejected() throws Exception {
        JsonNode response = send("POST", "/accounts/acc42/workers/scripts/" + WORKER + "/subdomain", "token-42",
                "application/json", bytes("{\"enabled\":true}"));

        assertError(response, 404, 10007);
    }

    @Test
    void uploadRunsOnlyOnceEnabled() throws Exception {
        JsonNode uploaded = upload(WorkerUpload.bundled(NAMESPACE, publicKey, WORKER).toMultipartBody());

        assertEquals(200, uploaded.path("status").asInt(), uploaded.toString());
        assertEquals(WORKER, uploaded.path("body").path("result").path("id").asText());
        assertEquals(1, api.uploadCount());
        assertEquals(Optional.empty(), api.runningWorker());

        JsonNode enabled = send("POST", "/accounts/acc42/workers/scripts/" + WORKER + "/subdomain", "token-42",
                "application/json", bytes("{\"enabled\":true}"));

        assertEquals(200, enabled.path("status").asInt(), enabled.toString());
        assertTrue(enabled.path("body").path("result").path("enabled").asBoolean());
        assertEquals(NAMESPACE, api.runningWorker().orElseThrow().namespaceId());
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(api.workerUrl()
                + "/.well-known/dapr/info")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, info.statusCode(), "the uploaded worker.js answers and requires a token");

        send("POST", "/accounts/acc42/workers/scripts/" + WORKER + "/subdomain", "token-42", "application/json",
                bytes("{\"enabled\":false}"));
        assertEquals(Optional.empty(), api.runningWorker());
    }

    @Test
    void scriptThatFailsToStartRejected() throws Exception {
        api.deployWorker(WORKER, WorkerDeployment.bundled(NAMESPACE, publicKey, WORKER));
        WorkerUpload broken = new WorkerUpload("worker.js", "export default { fetch( };", "2024-09-23", NAMESPACE,
                publicKey, WORKER);

        JsonNode response = upload(broken.toMultipartBody());

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("failed to start"), message(response));
        assertEquals(0, api.uploadCount());
    }

    @Test
    void secondWorkerNameRejected() throws Exception {
        upload(WorkerUpload.bundled(NAMESPACE, publicKey, WORKER).toMultipartBody());

        JsonNode response = send("PUT", "/accounts/acc42/workers/scripts/other-kv", "token-42",
                WorkerUpload.bundled(NAMESPACE, publicKey, "other-kv").toMultipartBody());

        assertError(response, 400, 10021);
        assertTrue(message(response).contains("one fake per Worker name"), message(response));
    }

    @Test
    void toStringRedactsToken() {
        String text = api.toString();

        assertFalse(text.contains("token-42"), text);
        assertTrue(text.contains("acc42"), text);
    }

    private ObjectNode metadata() {
        return WorkerUpload.bundled(NAMESPACE, publicKey, WORKER).metadata();
    }

    private static MultipartBody withMetadata(JsonNode metadata) throws IOException {
        return MultipartBody.builder()
                .addPart("metadata", null, "application/json", JSON.writeValueAsBytes(metadata))
                .addPart("worker.js", "worker.js", "application/javascript+module", bytes(WorkerScript.source()))
                .build();
    }

    private JsonNode upload(MultipartBody body) throws Exception {
        return send("PUT", "/accounts/acc42/workers/scripts/" + WORKER, "token-42", body);
    }

    private JsonNode send(String method, String path, String token, MultipartBody body) throws Exception {
        return send(method, path, token, body.contentType(), body.toByteArray());
    }

    /** Sends a request and returns {@code {"status": ..., "body": <parsed JSON>}}. */
    private JsonNode send(String method, String path, String token, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.apiUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        var result = JSON.createObjectNode();
        result.put("status", response.statusCode());
        result.set("body", JSON.readTree(response.body()));
        return result;
    }

    private static void assertError(JsonNode response, int status, int code) {
        assertEquals(status, response.path("status").asInt(), response.toString());
        JsonNode body = response.path("body");
        assertFalse(body.path("success").asBoolean(true), response.toString());
        assertEquals(code, body.path("errors").get(0).path("code").asInt(), response.toString());
        assertTrue(body.path("result").isNull(), response.toString());
    }

    private static String message(JsonNode response) {
        return response.path("body").path("errors").get(0).path("message").asText();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
