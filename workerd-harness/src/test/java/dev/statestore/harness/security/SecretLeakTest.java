package dev.statestore.harness.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.harness.cloudflare.FakeCloudflareApi;
import dev.statestore.harness.control.FaultSpec;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.spi.Component;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.metadata.PrivateKeys;
import dev.statestore.workerskv.metadata.WorkersKvMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Paths where a secret could slip into a log line, an exception or a {@code toString()}: a managed deploy with
 * API errors and a wrong API token, a key that the Worker does not accept, retried requests (logged at debug),
 * and the descriptions of every object that contains a secret. {@link SecretLeakGuard} checks all of it when the
 * class ends; the tests here also check their own texts at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretLeakTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final String TYPE = "state.cloudflare.workerskv";
    private static final String NAMESPACE = "5d1c7a2e9b8f4c3da1e6f0b2c4d8e9a7";

    private WorkerdKvProcess emulator;

    @BeforeAll
    void startEmulator() {
        emulator = new WorkerdKvProcess();
        emulator.start();
        LEAKS.addPrivateKey("the Worker's private key", emulator.keyPair().privateKeyPem());
    }

    @AfterAll
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void resetKv() {
        emulator.control().reset();
    }

    @Test
    void managedDeployKeepsApiTokenSecret() {
        Ed25519KeyPair keyPair = Ed25519KeyPair.generate();
        LEAKS.addPrivateKey("the managed component's private key", keyPair.privateKeyPem());
        try (FakeCloudflareApi api = new FakeCloudflareApi().start()) {
            LEAKS.addSecret("the Cloudflare API token", api.apiToken());
            LEAKS.inspect(api);
            Map<String, String> metadata = new LinkedHashMap<>(api.componentMetadata(NAMESPACE, "leak-check",
                    keyPair.privateKeyPem()));
            api.failNextRequests(2, 503, 10013, "Service temporarily unavailable");

            try (StateStore store = StateStores.create(TYPE, metadata)) {
                LEAKS.inspect(store);
                store.set("k", "v".getBytes(StandardCharsets.UTF_8));
                assertEquals("v", store.get("k").orElseThrow().valueAsString());
            }

            String wrongToken = "0123456789abcdef0123456789abcdef01234567";
            LEAKS.addSecret("a wrong Cloudflare API token", wrongToken);
            metadata.put("cfAPIToken", wrongToken);
            StateStoreException error = assertThrows(StateStoreException.class,
                    () -> StateStores.create(TYPE, metadata));
            LEAKS.inspect(error);
            assertEquals(List.of(), LEAKS.findLeaks("the wrong-token error", error.getMessage()));
        }
    }

    @Test
    void rejectedKeyErrorHidesSecrets() {
        Ed25519KeyPair stranger = Ed25519KeyPair.generate();
        LEAKS.addPrivateKey("a private key the Worker does not know", stranger.privateKeyPem());
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("key", stranger.privateKeyPem());

        StateStoreException error = assertThrows(StateStoreException.class, () -> StateStores.create(TYPE, metadata));
        LEAKS.inspect(error);

        assertTrue(error.getMessage().contains("HTTP 401"), error.getMessage());
        assertTrue(error.getMessage().contains("PUBLIC_KEY"), "the message must point at the key: "
                + error.getMessage());
        assertEquals(List.of(), LEAKS.findLeaks("the 401 error", error.getMessage()));
    }

    @Test
    void retriedRequestsLogNoToken() {
        emulator.control().putEntry("k", "v".getBytes(StandardCharsets.UTF_8));
        emulator.control().addFault(FaultSpec.failNext("get", 3, 503));
        int before = LEAKS.capturedOutput().length();

        try (StateStore store = emulator.openStateStore()) {
            assertEquals("v", store.get("k").orElseThrow().valueAsString());
        }

        String logged = LEAKS.capturedOutput().substring(before);
        assertTrue(LoggerFactory.getLogger(WorkerClient.class).isDebugEnabled(),
                "the leak guard did not turn on debug logging, so debug logs go unchecked");
        assertTrue(logged.contains("Retrying get of key 'k'"), "the retries were not logged: " + logged);
        assertEquals(List.of(), LEAKS.findLeaks("the retry logs", logged));
    }

    @Test
    void descriptionsHideSecrets() {
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("cfAccountID", "0123456789abcdef");
        metadata.put("cfAPIToken", "api-token-that-must-not-show-1234");
        LEAKS.addSecret("an API token in metadata", metadata.get("cfAPIToken"));
        Component component = Component.of(TYPE, metadata);
        TokenSigner signer = new TokenSigner(PrivateKeys.parse(emulator.keyPair().privateKeyPem()),
                emulator.workerName(), Clock.systemUTC(), true);
        LEAKS.addSecret("a bearer token the signer issued", signer.token());

        List<Object> holders = List.of(emulator, emulator.keyPair(), component, WorkersKvMetadata.parse(component),
                signer, emulator.control());
        StringBuilder descriptions = new StringBuilder();
        for (Object holder : holders) {
            LEAKS.inspect(holder);
            descriptions.append(holder).append('\n');
        }

        assertEquals(List.of(), LEAKS.findLeaks("toString()", descriptions.toString()));
    }

    /** The guard itself can fail: it finds a registered secret and any signed JWT. */
    @Test
    void guardFindsPlantedSecrets() {
        SecretLeakGuard guard = new SecretLeakGuard();
        guard.addPrivateKey("planted key", emulator.keyPair().privateKeyPem());
        String token = new TokenForge(emulator.keyPair().privateKeyPem(), emulator.workerName()).valid();
        String pemBody = emulator.keyPair().privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");

        assertEquals(1, guard.findLeaks("a log", "token=" + token).size());
        assertEquals(2, guard.findLeaks("a log", "key " + pemBody).size(), "the body and its seed part");
        assertEquals(List.of(), guard.findLeaks("a log", "nothing secret here"));
    }
}
