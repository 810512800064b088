package dev.statestore.workerskv.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.spi.Component;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.MetadataField;
import dev.statestore.workerskv.TestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkersKvMetadataTest {
    private static final String KEY_PEM = TestKeys.ed25519PrivatePem();
    private static final String KEY_PART = TestKeys.distinctivePart(KEY_PEM);
    private static final String API_TOKEN = "cf-api-token-6b1d2e7f9a0c";
    private static final String NAMESPACE = "a7c1d9e3f5b24c6d8e0f1a2b3c4d5e6f";

    /** Returns valid metadata of a Worker deployed outside the provider, to be changed by each test. */
    private static Map<String, String> preProvisioned() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("kvNamespaceID", NAMESPACE);
        metadata.put("workerName", "statestore-kv");
        metadata.put("key", KEY_PEM);
        metadata.put("workerUrl", "http://127.0.0.1:8787");
        return metadata;
    }

    private static Map<String, String> managed() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("workerUrl");
        metadata.put("cfAccountID", "0123456789abcdef0123456789abcdef");
        metadata.put("cfAPIToken", API_TOKEN);
        return metadata;
    }

    private static WorkersKvMetadata parse(Map<String, String> metadata) {
        return WorkersKvMetadata.parse(Component.of("state.cloudflare.workerskv", metadata));
    }

    /** Parses metadata that must be invalid and returns the message, after checking that it contains no secret. */
    private static String problems(Map<String, String> metadata) {
        InvalidComponentException error = assertThrows(InvalidComponentException.class, () -> parse(metadata));
        String message = error.getMessage();
        assertFalse(message.contains(KEY_PART), "message contains the private key: " + message);
        assertFalse(message.contains(API_TOKEN), "message contains the API token: " + message);
        return message;
    }

    @Test
    void preProvisionedParses() {
        WorkersKvMetadata metadata = parse(preProvisioned());

        assertEquals(NAMESPACE, metadata.namespaceId());
        assertEquals("statestore-kv", metadata.workerName());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8787")), metadata.workerUrl());
        assertFalse(metadata.isManaged());
        assertEquals(WorkersKvMetadata.DEFAULT_TIMEOUT, metadata.timeout());
        assertEquals(WorkersKvMetadata.DEFAULT_INIT_TIMEOUT, metadata.initTimeout());
    }

    @Test
    void managedParses() {
        WorkersKvMetadata metadata = parse(managed());

        assertTrue(metadata.isManaged());
        assertEquals(Optional.of(API_TOKEN), metadata.apiToken());
        assertEquals(Optional.empty(), metadata.workerUrl());
        assertEquals(URI.create(WorkersKvMetadata.DEFAULT_CF_API_URL), metadata.apiUrl());
    }

    @Test
    void workerUrlTrailingSlashRemoved() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", "https://kv.example.workers.dev/base//");

        assertEquals(Optional.of(URI.create("https://kv.example.workers.dev/base")), parse(metadata).workerUrl());
    }

    @Test
    void timeoutInSecondsRead() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("timeoutInSeconds", "5");

        assertEquals(Duration.ofSeconds(5), parse(metadata).timeout());
    }

    @Test
    void initTimeoutFromComponent() {
        Component component = new Component("kv", "state.cloudflare.workerskv", "v1",
                Optional.of(Duration.ofSeconds(45)), preProvisioned(), Optional.empty());

        assertEquals(Duration.ofSeconds(45), WorkersKvMetadata.parse(component).initTimeout());
    }

    @Test
    void zeroInitTimeoutRejected() {
        Component component = new Component("kv", "state.cloudflare.workerskv", "v1", Optional.of(Duration.ZERO),
                preProvisioned(), Optional.empty());

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> WorkersKvMetadata.parse(component));

        assertTrue(error.getMessage().contains("initTimeout"), error.getMessage());
    }

    @Test
    void keyWithEscapedNewlinesAccepted() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", KEY_PEM.replace("\n", "\\n"));

        assertEquals(metadata.get("key"), parse(metadata).privateKeyPem());
    }

    @Test
    void frameworkFieldsAccepted() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("keyPrefix", "appid");
        metadata.put("appID", "orders");

        assertEquals(NAMESPACE, parse(metadata).namespaceId());
    }

    @Test
    void missingNamespace() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("kvNamespaceID");

        assertTrue(problems(metadata).contains("kvNamespaceID is missing"));
    }

    @Test
    void blankNamespaceMissing() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("kvNamespaceID", "  ");

        assertTrue(problems(metadata).contains("kvNamespaceID is missing"));
    }

    @Test
    void missingWorkerName() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("workerName");

        assertTrue(problems(metadata).contains("workerName is missing"));
    }

    @Test
    void missingKey() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("key");

        assertTrue(problems(metadata).contains("key is missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders kv", "ns/1", "ns:1", "zażółć"})
    void invalidNamespace(String namespace) {
        Map<String, String> metadata = preProvisioned();
        metadata.put("kvNamespaceID", namespace);

        String message = problems(metadata);

        assertTrue(message.contains("kvNamespaceID '" + namespace + "' is invalid"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Orders", "orders_kv", "-orders", "orders-", "orders.kv",
        "a123456789012345678901234567890123456789012345678901234567890123"})
    void invalidWorkerName(String workerName) {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerName", workerName);

        String message = problems(metadata);

        assertTrue(message.contains("workerName '" + workerName + "' is invalid"), message);
    }

    @Test
    void keyNotPem() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", "MC4CAQAwBQYDK2VwBCIEIPrivateKeyWithoutPemHeaders0123456789");

        String message = problems(metadata);

        assertTrue(message.contains("key is not PEM"), message);
        assertFalse(message.contains("PrivateKeyWithoutPemHeaders"), message);
    }

    @Test
    void keyPublicKeyBlock() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", TestKeys.ed25519PublicPem());

        String message = problems(metadata);

        assertTrue(message.contains("key is a PEM block of type 'PUBLIC KEY'"), message);
    }

    @Test
    void keyRsa() {
        String rsa = TestKeys.rsaPrivatePem();
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", rsa);

        String message = problems(metadata);

        assertTrue(message.contains("key is not an Ed25519 key"), message);
        assertFalse(message.contains(TestKeys.distinctivePart(rsa)), message);
    }

    @Test
    void keyEc() {
        String ec = TestKeys.ecPrivatePem();
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", ec);

        String message = problems(metadata);

        assertTrue(message.contains("key is not an Ed25519 key"), message);
        assertFalse(message.contains(TestKeys.distinctivePart(ec)), message);
    }

    @Test
    void keyUndecodableBlock() {
        Map<String, String> metadata = preProvisioned();
        byte[] notDer = "not DER at all, secret 4e1f".getBytes(StandardCharsets.US_ASCII);
        metadata.put("key", TestKeys.pem("PRIVATE KEY", notDer));

        String message = problems(metadata);

        assertTrue(message.contains("key cannot be decoded"), message);
    }

    @Test
    void keyTruncatedPem() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("key", KEY_PEM.substring(0, KEY_PEM.indexOf("-----END")));

        String message = problems(metadata);

        assertTrue(message.contains("key is not valid PEM"), message);
    }

    @Test
    void accountWithoutToken() {
        Map<String, String> metadata = managed();
        metadata.remove("cfAPIToken");

        String message = problems(metadata);

        assertTrue(message.contains("cfAPIToken is missing"), message);
    }

    @Test
    void tokenWithoutAccount() {
        Map<String, String> metadata = managed();
        metadata.remove("cfAccountID");

        String message = problems(metadata);

        assertTrue(message.contains("cfAccountID is missing"), message);
    }

    @Test
    void noWorkerUrlNoAccount() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("workerUrl");

        String message = problems(metadata);

        assertTrue(message.contains("set workerUrl"), message);
        assertTrue(message.contains("cfAccountID and cfAPIToken"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://kv.example.com", "kv.example.com", "not a url", "file:///etc/passwd"})
    void workerUrlWrongScheme(String url) {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", url);

        String message = problems(metadata);

        assertTrue(message.contains("workerUrl '" + url + "' is invalid"), message);
    }

    @Test
    void workerUrlWithoutHost() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", "https:///kv");

        String message = problems(metadata);

        assertTrue(message.contains("workerUrl 'https:///kv' is invalid: the URL has no host"), message);
    }

    @Test
    void workerUrlWithQuery() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", "https://kv.example.com/?env=prod");

        String message = problems(metadata);

        assertTrue(message.contains("workerUrl 'https://kv.example.com/?env=prod' is invalid"), message);
        assertTrue(message.contains("query"), message);
    }

    @Test
    void workerUrlWithFragment() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", "https://kv.example.com/#top");

        assertTrue(problems(metadata).contains("workerUrl 'https://kv.example.com/#top' is invalid"));
    }

    @Test
    void workerUrlUnparseable() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerUrl", "http://kv example.com");

        assertTrue(problems(metadata).contains("workerUrl 'http://kv example.com' is invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "99999", "1.5"})
    void invalidTimeout(String timeout) {
        Map<String, String> metadata = preProvisioned();
        metadata.put("timeoutInSeconds", timeout);

        String message = problems(metadata);

        assertTrue(message.contains("timeoutInSeconds '" + timeout + "' is invalid"), message);
        assertTrue(message.contains("1 to 3600"), message);
    }

    @Test
    void unknownField() {
        Map<String, String> metadata = preProvisioned();
        metadata.put("workerURL", "http://127.0.0.1:8787");

        String message = problems(metadata);

        assertTrue(message.contains("unknown field 'workerURL'"), message);
        assertTrue(message.contains("workerUrl"), message);
    }

    @Test
    void invalidApiUrl() {
        Map<String, String> metadata = managed();
        metadata.put("cfAPIURL", "ftp://api.example.com");

        assertTrue(problems(metadata).contains("cfAPIURL 'ftp://api.example.com' is invalid"));
    }

    @Test
    void everyProblemInOneMessage() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("workerName", "Bad_Name");
        metadata.put("key", TestKeys.ed25519PublicPem());
        metadata.put("cfAPIToken", API_TOKEN);
        metadata.put("timeoutInSeconds", "abc");
        metadata.put("workerUrl", "ftp://kv.example.com");
        metadata.put("colour", "blue");

        String message = problems(metadata);

        assertTrue(message.contains("kvNamespaceID is missing"), message);
        assertTrue(message.contains("workerName 'Bad_Name' is invalid"), message);
        assertTrue(message.contains("key is a PEM block of type 'PUBLIC KEY'"), message);
        assertTrue(message.contains("cfAccountID is missing"), message);
        assertTrue(message.contains("timeoutInSeconds 'abc' is invalid"), message);
        assertTrue(message.contains("workerUrl 'ftp://kv.example.com' is invalid"), message);
        assertTrue(message.contains("unknown field 'colour'"), message);
        assertEquals(7, message.split("\n  - ").length - 1, message);
    }

    @Test
    void messageNamesComponentOrigin() {
        Map<String, String> metadata = preProvisioned();
        metadata.remove("workerName");
        Component component = new Component("orders-kv", "state.cloudflare.workerskv", "v1", Optional.empty(),
                metadata, Optional.of(Path.of("components", "kv.yaml")));

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> WorkersKvMetadata.parse(component));

        assertTrue(error.getMessage().contains("component 'orders-kv' in " + Path.of("components", "kv.yaml")),
                error.getMessage());
    }

    @Test
    void secretsAbsentWhenOtherFieldsInvalid() {
        Map<String, String> metadata = managed();
        metadata.put("workerName", "Bad_Name");
        metadata.put("timeoutInSeconds", "0");

        String message = problems(metadata);

        assertTrue(message.contains("workerName 'Bad_Name' is invalid"), message);
    }

    @Test
    void toStringRedactsSecrets() {
        String text = parse(managed()).toString();

        assertFalse(text.contains(KEY_PART), text);
        assertFalse(text.contains(API_TOKEN), text);
        assertTrue(text.contains("key=(redacted)"), text);
        assertTrue(text.contains("cfAPIToken=(redacted)"), text);
        assertTrue(text.contains(NAMESPACE), text);
    }

    @Test
    void sensitiveFieldsMarked() {
        Set<String> sensitive = WorkersKvMetadata.FIELDS.stream().filter(MetadataField::sensitive)
                .map(MetadataField::name).collect(Collectors.toSet());

        assertEquals(Set.of("key", "cfAPIToken"), sensitive);
    }
}
