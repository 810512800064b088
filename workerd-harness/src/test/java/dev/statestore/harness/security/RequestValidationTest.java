package dev.statestore.harness.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statestore.api.BulkGetResult;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.faults.KvStats;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad keys, values and TTLs, sent through the provider (which must reject them before the network, naming the
 * value) and raw to the Worker with a valid token (which must return 4xx with a reason, never 5xx). In every
 * case nothing reaches the KV binding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WorkerdKvProcess emulator;
    private StateStore store;
    private TokenForge tokens;

    @BeforeAll
    void startEmulator() {
        emulator = new WorkerdKvProcess();
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
        store = emulator.openStateStore();
        LEAKS.inspect(store);
        tokens = new TokenForge(emulator.keyPair().privateKeyPem(), emulator.workerName());
    }

    @AfterAll
    void stopEmulator() {
        if (store != null) {
            store.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetKv() {
        emulator.control().reset();
    }

    // ---- Keys through the provider

    static Stream<String> invalidKeys() {
        return Stream.of("", ".", "..", "a".repeat(513), "日".repeat(57), "%".repeat(171));
    }

    /** Keys KV cannot store: empty, dot segments, and over 512 bytes once escaped (513, 513 and 513 bytes). */
    @ParameterizedTest
    @MethodSource("invalidKeys")
    void invalidKeyIsRejectedByProvider(String key) {
        byte[] value = {1};
        List<Consumer<String>> operations = List.of(store::get, k -> store.set(k, value), store::delete);
        KvStats before = KvStats.of(emulator.control());

        for (Consumer<String> operation : operations) {
            InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> operation.accept(key));
            LEAKS.inspect(error);
            String named = "'" + key.substring(0, Math.min(40, key.length()));
            assertTrue(error.getMessage().contains(named), "the message must name the key: " + error.getMessage());
        }

        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests());
    }

    @Test
    void longestKeyIsAccepted() {
        String key = "a".repeat(512);
        store.set(key, new byte[] {7});

        assertArrayEquals(new byte[] {7}, store.get(key).orElseThrow().value());
        assertEquals(List.of(key), emulator.control().keys());
    }

    @Test
    void bulkSetWithOneInvalidKeyWritesNothing() {
        List<SetRequest> requests = List.of(SetRequest.of("good", new byte[] {1}), SetRequest.of("..", new byte[] {2}));

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.bulkSet(requests));
        LEAKS.inspect(error);

        assertTrue(error.getMessage().contains("'..'"), error.getMessage());
        assertEquals(0, emulator.control().count(), "the valid key of a rejected bulk must not be written");
    }

    @Test
    void bulkGetReportsInvalidKeyAlone() {
        store.set("good", new byte[] {1});

        List<BulkGetResult> results = store.bulkGet(List.of("good", ""));

        assertTrue(results.get(0).item().isPresent(), results.toString());
        assertTrue(results.get(1).error().isPresent(), results.toString());
        LEAKS.inspect(results.get(1).error().get());
        assertTrue(results.get(1).error().get().getMessage().contains("''"), results.toString());
    }

    // ---- Keys raw to the Worker

    static Stream<String> invalidRawKeys() {
        return Stream.of("", ".", "%2E", "%2E%2E", "%C0%80", "%ED%A0%80", "%FF", "a".repeat(513),
                "%E6%97%A5".repeat(57));
    }

    @ParameterizedTest
    @MethodSource("invalidRawKeys")
    void invalidKeyIsRejectedByWorker(String escapedKey) throws Exception {
        for (String method : List.of("GET", "POST", "DELETE")) {
            KvStats before = KvStats.of(emulator.control());

            HttpResponse<String> response = send(method, "/kv/" + emulator.namespaceId() + "/" + escapedKey,
                    HttpRequest.BodyPublishers.ofString("v"));

            int status = response.statusCode();
            assertTrue(status == 400 || status == 404, method + " " + escapedKey + " returned " + status + ": "
                    + response.body());
            assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests());
        }
        assertEquals(0, emulator.control().count());
    }

    // ---- Values

    @Test
    void oversizedValueIsRejectedByProvider() {
        byte[] value = new byte[MAX_VALUE_BYTES + 1];
        KvStats before = KvStats.of(emulator.control());

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.set("big", value));
        LEAKS.inspect(error);

        assertTrue(error.getMessage().contains("'big'"), error.getMessage());
        assertTrue(error.getMessage().contains(String.valueOf(MAX_VALUE_BYTES + 1)), error.getMessage());
        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests());
    }

    @Test
    void largestValueIsAcceptedByProvider() throws Exception {
        byte[] value = new byte[MAX_VALUE_BYTES];
        value[MAX_VALUE_BYTES - 1] = 42;

        store.set("largest", value);

        assertEquals(MAX_VALUE_BYTES, storedValue("largest").length);
    }

    @Test
    void oversizedValueWithLengthIsRejectedByWorker() throws Exception {
        byte[] value = new byte[MAX_VALUE_BYTES + 1];

        try {
            HttpResponse<String> response = send("POST", keyPath("big"), HttpRequest.BodyPublishers.ofByteArray(value));
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains(String.valueOf(MAX_VALUE_BYTES)), response.body());
        } catch (java.io.IOException e) {
            // The Worker may respond from Content-Length alone and close the connection while the client is still
            // sending; java.net.http then reports the closed connection instead of the 400.
            assertTrue(e.getMessage() == null || !e.getMessage().contains("Bearer"), "no token in " + e);
        }
        assertEquals(0, emulator.control().count());
        assertEquals(0, KvStats.of(emulator.control()).requests("put"));
    }

    @Test
    void oversizedChunkedValueIsRejectedByWorker() throws Exception {
        byte[] value = new byte[MAX_VALUE_BYTES + 1];
        // No length up front, so the request is sent chunked and the Worker has to count.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(value));

        HttpResponse<String> response = send("POST", keyPath("big"), chunked);

        int status = response.statusCode();
        assertTrue(status == 400 || status == 413, "status " + status + ": " + response.body());
        assertEquals(List.of(), emulator.control().keys(), "a rejected value must not be stored; stored "
                + storedValue("big").length + " bytes, status " + status + " " + response.body());
    }

    @Test
    void largestChunkedValueIsAcceptedByWorker() throws Exception {
        byte[] value = new byte[MAX_VALUE_BYTES];
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(value));

        HttpResponse<String> response = send("POST", keyPath("largest"), chunked);

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(MAX_VALUE_BYTES, storedValue("largest").length);
    }

    // ---- TTL

    @ParameterizedTest
    @ValueSource(strings = {"59", "0", "-5", "abc", "2147483648", "1.5", ""})
    void invalidTtlMetadataIsRejectedByProvider(String ttl) {
        SetRequest request = SetRequest.builder("k", new byte[] {1}).metadata(Map.of("ttlInSeconds", ttl)).build();
        KvStats before = KvStats.of(emulator.control());

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.set(request));
        LEAKS.inspect(error);

        String message = error.getMessage();
        assertTrue(message.contains(ttl.isEmpty() ? "''" : ttl), "the message must name the TTL: " + message);
        assertTrue(message.contains("'k'"), "the message must name the key: " + message);
        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "-1"})
    void validTtlMetadataIsAccepted(String ttl) {
        SetRequest request = SetRequest.builder("k", new byte[] {1}).metadata(Map.of("ttlInSeconds", ttl)).build();

        store.set(request);

        assertEquals(ttl.equals("-1"), emulator.control().entry("k").orElseThrow().expiration().isEmpty());
    }

    @Test
    void fractionalTtlIsRejectedByProvider() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("k", new byte[] {1}, Duration.ofMillis(60_500)));
        LEAKS.inspect(error);

        assertTrue(error.getMessage().contains("PT1M0.5S"), error.getMessage());
        assertEquals(0, emulator.control().count());
    }

    /** Pairs of a raw ttl query value and the text by which the Worker's message must name it. */
    static Stream<Arguments> invalidQueryTtls() {
        return Stream.of(Arguments.of("59", "59"), Arguments.of("0", "0"), Arguments.of("-5", "-5"),
                Arguments.of("abc", "abc"), Arguments.of("2147483648", "2147483648"), Arguments.of("60.5", "60.5"),
                Arguments.of("", "\"\""), Arguments.of("1e3", "1e3"), Arguments.of("%2B60", "+60"),
                Arguments.of("%2060", " 60"), Arguments.of("0x40", "0x40"),
                Arguments.of("99999999999999999999999", "1e+23"));
    }

    @ParameterizedTest
    @MethodSource("invalidQueryTtls")
    void invalidTtlIsRejectedByWorker(String ttl, String named) throws Exception {
        HttpResponse<String> response = send("POST", keyPath("k") + "?ttl=" + ttl,
                HttpRequest.BodyPublishers.ofString("v"));

        assertEquals(400, response.statusCode(), "ttl=" + ttl + ": " + response.body());
        assertTrue(response.body().startsWith("ttl "), response.body());
        assertTrue(response.body().contains(named), "the message must name the TTL: " + response.body());
        assertEquals(0, emulator.control().count());
        assertEquals(0, KvStats.of(emulator.control()).requests("put"));
    }

    /**
     * KV stores the absolute expiration as a 32-bit signed integer, so a TTL is too long once now + TTL passes
     * 2147483647 (19 January 2038), long before the TTL itself does. The simulated KV rejects such a put with 400.
     */
    @Test
    void ttlBeyond2038IsRejectedByWorker() throws Exception {
        HttpResponse<String> response = send("POST", keyPath("k") + "?ttl=2147483647",
                HttpRequest.BodyPublishers.ofString("v"));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("2147483647"), response.body());
    }

    @Test
    void ttlBeyond2038IsRejectedByProvider() {
        SetRequest request = SetRequest.builder("k", new byte[] {1})
                .metadata(Map.of("ttlInSeconds", "2147483647")).build();
        KvStats before = KvStats.of(emulator.control());

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.set(request));

        assertTrue(error.getMessage().contains("2147483647"), error.getMessage());
        assertEquals(before.totalRequests(), KvStats.of(emulator.control()).totalRequests());
    }

    @Test
    void shortestTtlIsAcceptedByWorker() throws Exception {
        HttpResponse<String> response = send("POST", keyPath("k") + "?ttl=60",
                HttpRequest.BodyPublishers.ofString("v"));

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(emulator.control().entry("k").orElseThrow().expiration().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "-5", "\"60\"", "2147483648", "60.5", "1e100", "true", "[60]", "{}"})
    void invalidTtlInBatchIsRejectedPerOperation(String ttlJson) throws Exception {
        String body = "{\"ops\":[{\"op\":\"set\",\"key\":\"k\",\"value\":\"dg==\",\"ttl\":" + ttlJson + "}]}";

        HttpResponse<String> response = send("POST", "/batch/" + emulator.namespaceId(),
                HttpRequest.BodyPublishers.ofString(body));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = TokenForge.JSON.readTree(response.body()).path("results").path(0);
        assertEquals(400, result.path("status").asInt(), response.body());
        assertTrue(result.path("error").asText().startsWith("ttl "), response.body());
        assertEquals(0, emulator.control().count());
    }

    // ---- Namespaces

    @ParameterizedTest
    @ValueSource(strings = {"/kv/unknown/k", "/kv/PUBLIC_KEY/k", "/kv/TOKEN_AUDIENCE/k", "/kv/__proto__/k",
            "/kv/constructor/k", "/kv/hasOwnProperty/k", "/kv/kv-simulator/k", "/batch/unknown", "/list/unknown",
            "/kv/%F0%9F%92%A5/k"})
    void unknownNamespaceIsRejectedByWorker(String path) throws Exception {
        String method = path.startsWith("/list") ? "GET" : "POST";
        String body = path.startsWith("/batch") ? "{\"ops\":[]}" : "v";

        HttpResponse<String> response = send(method, path, HttpRequest.BodyPublishers.ofString(body));

        assertEquals(412, response.statusCode(), path + ": " + response.body());
        String namespace = URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8);
        assertTrue(response.body().contains("\"" + path.split("/")[2] + "\"")
                || response.body().contains("\"" + namespace + "\""), response.body());
        assertEquals(0, KvStats.of(emulator.control()).totalRequests());
    }

    @Test
    void controlClientReadsLargestEntry() {
        emulator.control().putEntry("largest", new byte[MAX_VALUE_BYTES]);

        assertEquals(MAX_VALUE_BYTES, emulator.control().entry("largest").orElseThrow().value().length);
    }

    /**
     * Reads one stored value through the control API's entry route. {@code KvControlClient.entry} reads the whole
     * namespace as JSON instead, which Jackson rejects for values over about 15 MiB.
     */
    private byte[] storedValue(String storedName) throws Exception {
        URI uri = URI.create(emulator.control().baseUrl() + "/control/namespaces/" + emulator.namespaceId()
                + "/entries/" + storedName);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 404 ? new byte[0] : response.body();
    }

    private String keyPath(String escapedKey) {
        return "/kv/" + emulator.namespaceId() + "/" + escapedKey;
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        String authorization = "Bearer " + tokens.valid();
        LEAKS.addSecret("a bearer token sent to the Worker", authorization.substring(7));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.workerUrl() + path))
                .method(method, body).header("Authorization", authorization).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertFalse(response.statusCode() >= 500, method + " " + path + " returned " + response.statusCode() + ": "
                + response.body());
        return response;
    }
}
