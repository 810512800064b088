package dev.statestore.harness.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TimedOutException;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.spi.Component;
import dev.statestore.spi.StateStores;
import dev.statestore.worker.WorkerScript;
import dev.statestore.workerskv.deploy.CloudflareApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managed Worker lifecycle end to end: the provider reads and uploads through {@link FakeCloudflareApi},
 * which runs every upload in a real workerd, and the store then talks to that Worker with real Ed25519 tokens.
 */
class ManagedWorkerTest {
    private static final String TYPE = "state.cloudflare.workerskv";
    private static final String NAMESPACE = "5d1c7a2e9b8f4c3da1e6f0b2c4d8e9a7";
    private static final String WORKER = "orders-kv";
    /** Generous bound for a start-up that initTimeout limits to 2 seconds; it only catches a hang. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final Ed25519KeyPair keyPair = Ed25519KeyPair.generate();
    private FakeCloudflareApi api;

    @BeforeEach
    void startApi() {
        api = new FakeCloudflareApi().withSubdomain("example").start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void firstDeployUploadsAndServesStore() {
        try (StateStore store = StateStores.create(TYPE, metadata())) {
            store.set("greeting", "hello".getBytes(StandardCharsets.UTF_8));
            Optional<StateItem> item = store.get("greeting");
            assertTrue(item.isPresent());
            assertEquals("hello", item.get().valueAsString());
            assertEquals(List.of("greeting"), api.control().keys());

            store.delete("greeting");
            assertEquals(Optional.empty(), store.get("greeting"));
        }

        assertEquals(1, api.uploadCount());
        String account = "/accounts/" + api.accountId();
        assertEquals(List.of(
                "GET " + account + "/workers/subdomain",
                "PUT " + account + "/workers/scripts/" + WORKER,
                "POST " + account + "/workers/scripts/" + WORKER + "/subdomain"), api.requests());
        WorkerDeployment running = api.runningWorker().orElseThrow();
        assertEquals(WorkerScript.version(), running.scriptVersion());
        assertEquals(NAMESPACE, running.namespaceId());
        assertEquals(WORKER, running.tokenAudience());
    }

    @Test
    void currentWorkerIsNotUploadedAgain() {
        StateStores.create(TYPE, metadata()).close();
        assertEquals(1, api.uploadCount());

        try (StateStore store = StateStores.create(TYPE, metadata())) {
            store.set("k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("v", store.get("k").orElseThrow().valueAsString());
        }

        assertEquals(1, api.uploadCount());
        long uploads = api.requests().stream().filter(request -> request.startsWith("PUT ")).count();
        assertEquals(1, uploads);
        assertEquals("GET /accounts/" + api.accountId() + "/workers/subdomain",
                api.requests().get(api.requests().size() - 1));
    }

    @Test
    void outdatedWorkerIsUpgradedKeepingData() {
        api.deployWorker(WORKER, WorkerDeployment.bundled(NAMESPACE, keyPair.publicKeyPem(), WORKER)
                .withScriptVersion("20221219"));
        api.control().putEntry("kept", "from-old-worker".getBytes(StandardCharsets.UTF_8));

        try (StateStore store = StateStores.create(TYPE, metadata())) {
            assertEquals("from-old-worker", store.get("kept").orElseThrow().valueAsString());
        }

        assertEquals(1, api.uploadCount());
        assertEquals(WorkerScript.version(), api.runningWorker().orElseThrow().scriptVersion());
    }

    @Test
    void workerMissingNamespaceIsRedeployed() {
        api.deployWorker(WORKER, WorkerDeployment.bundled(NAMESPACE, keyPair.publicKeyPem(), WORKER)
                .withNamespaceId("another-namespace"));

        try (StateStore store = StateStores.create(TYPE, metadata())) {
            store.set("k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("v", store.get("k").orElseThrow().valueAsString());
        }

        assertEquals(1, api.uploadCount());
        assertEquals(NAMESPACE, api.runningWorker().orElseThrow().namespaceId());
    }

    @Test
    void workerWithAnotherKeyIsRedeployed() {
        String otherPublicKey = Ed25519KeyPair.generate().publicKeyPem();
        api.deployWorker(WORKER, WorkerDeployment.bundled(NAMESPACE, otherPublicKey, WORKER));

        try (StateStore store = StateStores.create(TYPE, metadata())) {
            store.set("k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("v", store.get("k").orElseThrow().valueAsString());
        }

        assertEquals(1, api.uploadCount());
        assertEquals(keyPair.publicKeyPem().strip(), api.runningWorker().orElseThrow().publicKeyPem().strip());
    }

    @Test
    void uploadedMetadataHasBindingsAndDate() {
        StateStores.create(TYPE, metadata()).close();

        JsonNode metadata = api.lastUploadMetadata().orElseThrow();
        assertEquals(WorkerScript.MODULE_NAME, metadata.path("main_module").asText());
        assertEquals(WorkerScript.COMPATIBILITY_DATE, metadata.path("compatibility_date").asText());
        JsonNode bindings = metadata.path("bindings");
        assertEquals(3, bindings.size());

        assertEquals("kv_namespace", bindings.get(0).path("type").asText());
        assertEquals(NAMESPACE, bindings.get(0).path("name").asText());
        assertEquals(NAMESPACE, bindings.get(0).path("namespace_id").asText());

        assertEquals("plain_text", bindings.get(1).path("type").asText());
        assertEquals("PUBLIC_KEY", bindings.get(1).path("name").asText());
        assertEquals(keyPair.publicKeyPem().strip(), bindings.get(1).path("text").asText().strip());

        assertEquals("plain_text", bindings.get(2).path("type").asText());
        assertEquals("TOKEN_AUDIENCE", bindings.get(2).path("name").asText());
        assertEquals(WORKER, bindings.get(2).path("text").asText());
    }

    @Test
    void wrongTokenFailsWithCloudflareMessage() {
        Map<String, String> metadata = metadata();
        String wrongToken = "wrong-token-" + api.apiToken().substring(0, 8);
        metadata.put("cfAPIToken", wrongToken);

        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> StateStores.create(TYPE, metadata));

        assertEquals(401, error.status());
        assertTrue(error.getMessage().contains("Authentication error (code 10000)"), error.getMessage());
        assertTrue(error.getMessage().contains("Workers Scripts: Edit"), error.getMessage());
        assertFalse(error.getMessage().contains(wrongToken), error.getMessage());
        assertFalse(error.getMessage().contains(api.apiToken()), error.getMessage());
        assertEquals(0, api.uploadCount());
    }

    @Test
    void wrongTokenFailsEvenWhenWorkerIsCurrent() {
        StateStores.create(TYPE, metadata()).close();
        Map<String, String> metadata = metadata();
        metadata.put("cfAPIToken", "revoked-token");

        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> StateStores.create(TYPE, metadata));

        assertTrue(error.getMessage().contains("Authentication error"), error.getMessage());
        assertFalse(error.getMessage().contains("revoked-token"), error.getMessage());
    }

    @Test
    void initTimeoutWhenDeployNeverHappens() {
        api.suspendDeploys(true);

        TimedOutException error = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(TimedOutException.class,
                () -> StateStores.create(componentWithInitTimeout(Duration.ofSeconds(2)))));

        String message = error.getMessage();
        assertTrue(message.contains("'" + WORKER + "'"), message);
        assertTrue(message.contains(api.workerUrl().toString()), message);
        assertTrue(message.contains("initTimeout PT2S"), message);
        assertTrue(message.contains("waiting for the uploaded worker"), message);
        assertTrue(message.contains("Last error: "), message);
        assertTrue(message.matches("(?s).*gave up after \\d+ ms.*"), message);
        assertFalse(message.contains(api.apiToken()), message);
        assertFalse(message.contains("PRIVATE KEY"), message);
        assertEquals(1, api.uploadCount());
    }

    @Test
    void initTimeoutWhenApiNeverAnswers() {
        api.delayResponses(Duration.ofMinutes(5));

        TimedOutException error = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(TimedOutException.class,
                () -> StateStores.create(componentWithInitTimeout(Duration.ofSeconds(2)))));

        String message = error.getMessage();
        assertTrue(message.contains("'" + WORKER + "'"), message);
        assertTrue(message.contains("looking up the workers.dev subdomain"), message);
        assertTrue(message.contains("HttpTimeoutException"), message);
        assertFalse(message.contains(api.apiToken()), message);
        assertEquals(0, api.uploadCount());
    }

    @Test
    void apiServerErrorsRetriedUntilInitTimeout() {
        api.failRequests(503, 10013, "Service temporarily unavailable");

        TimedOutException error = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(TimedOutException.class,
                () -> StateStores.create(componentWithInitTimeout(Duration.ofSeconds(2)))));

        assertTrue(error.getMessage().contains("Service temporarily unavailable (code 10013)"), error.getMessage());
        assertTrue(api.requests().size() > 1, "expected retries, got " + api.requests());
    }

    @Test
    void apiErrorsRetriedUntilSuccess() {
        api.failNextRequests(2, 503, 10013, "Service temporarily unavailable");

        try (StateStore store = StateStores.create(componentWithInitTimeout(Duration.ofSeconds(30)))) {
            store.set("k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("v", store.get("k").orElseThrow().valueAsString());
        }

        assertEquals(1, api.uploadCount());
        String subdomainLookup = "GET /accounts/" + api.accountId() + "/workers/subdomain";
        assertEquals(List.of(subdomainLookup, subdomainLookup, subdomainLookup), api.requests().subList(0, 3));
    }

    private Map<String, String> metadata() {
        return new HashMap<>(api.componentMetadata(NAMESPACE, WORKER, keyPair.privateKeyPem()));
    }

    private Component componentWithInitTimeout(Duration initTimeout) {
        return new Component("managed", TYPE, "v1", Optional.of(initTimeout), metadata(), Optional.empty());
    }
}
