package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API client against a small real HTTP server on loopback that records requests and returns canned bodies. */
class CloudflareApiClientTest {
    private static final String TOKEN = "test-token-7f3a9c";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody = "{\"success\":true,\"errors\":[],\"result\":{}}";
    private CloudflareApiClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/client/v4", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (requests) {
                    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                            + " | " + exchange.getRequestHeaders().getFirst("Authorization")
                            + " | " + exchange.getRequestHeaders().getFirst("Content-Type")
                            + " | " + body);
                }
                byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        URI apiUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4");
        client = new CloudflareApiClient(HttpClient.newHttpClient(), apiUrl, "acc123", TOKEN);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void subdomainLookupSendsBearerToken() throws Exception {
        responseBody = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"subdomain\":\"example\"}}";

        assertEquals("example", client.workersSubdomain(TIMEOUT));

        assertEquals(List.of("GET /client/v4/accounts/acc123/workers/subdomain | Bearer " + TOKEN + " | null | "),
                requests);
    }

    @Test
    void missingSubdomainExplainsFix() {
        responseBody = "{\"success\":true,\"errors\":[],\"result\":{}}";

        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> client.workersSubdomain(TIMEOUT));
        assertTrue(error.getMessage().contains("returned no subdomain"), error.getMessage());
        assertTrue(error.getMessage().contains("workerUrl"), error.getMessage());
    }

    @Test
    void uploadSendsMultipartPut() throws Exception {
        WorkerUpload upload = new WorkerUpload("worker.js", "export default {};", "2024-09-23", "ns",
                "-----BEGIN PUBLIC KEY-----\n", "orders-kv");

        client.uploadScript("orders-kv", upload, TIMEOUT);

        assertEquals(1, requests.size());
        String request = requests.get(0);
        assertTrue(request.startsWith("PUT /client/v4/accounts/acc123/workers/scripts/orders-kv | Bearer " + TOKEN
                + " | multipart/form-data; boundary="), request);
        assertTrue(request.contains("name=\"metadata\""), request);
        assertTrue(request.contains("\"main_module\":\"worker.js\""), request);
        assertTrue(request.contains("export default {};"), request);
    }

    @Test
    void enableSendsEnabledTrue() throws Exception {
        client.enableWorkersDev("orders-kv", TIMEOUT);

        assertEquals(List.of("POST /client/v4/accounts/acc123/workers/scripts/orders-kv/subdomain | Bearer " + TOKEN
                + " | application/json | {\"enabled\":true}"), requests);
    }

    @Test
    void authErrorNamesPermissionNotToken() {
        status = 403;
        responseBody = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}";

        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> client.enableWorkersDev("orders-kv", TIMEOUT));

        assertEquals(403, error.status());
        assertTrue(error.getMessage().contains("Authentication error (code 10000)"), error.getMessage());
        assertTrue(error.getMessage().contains("Workers Scripts: Edit on account 'acc123'"), error.getMessage());
        assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
    }

    @Test
    void echoedTokenIsRedacted() {
        status = 400;
        responseBody = "{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid header Bearer " + TOKEN
                + "\",\"error_chain\":[{\"code\":6111,\"message\":\"bad " + TOKEN + "\"}]}]}";

        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> client.workersSubdomain(TIMEOUT));

        assertFalse(error.getMessage().contains(TOKEN), error.getMessage());
        assertTrue(error.getMessage().contains("Invalid header Bearer (redacted)"), error.getMessage());
        assertFalse(error.errors().toString().contains(TOKEN), error.errors().toString());
    }

    @Test
    void toStringRedactsToken() {
        String text = client.toString();

        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("acc123"), text);
    }
}
