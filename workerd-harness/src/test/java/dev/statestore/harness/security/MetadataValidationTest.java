package dev.statestore.harness.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStoreException;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.spi.Component;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.StateStores;
import dev.statestore.workerskv.metadata.WorkersKvMetadata;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid component metadata through {@link StateStores#create}: every case fails with
 * {@link InvalidComponentException} naming the field and the rejected value (except secrets, which are never
 * echoed), before any network call. The workerUrl points at a {@link ConnectionRecorder}, so a connection
 * attempt would show up in its count and as a connection error instead of the metadata error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataValidationTest {
    @RegisterExtension
    static final SecretLeakGuard LEAKS = new SecretLeakGuard();

    private static final String TYPE = "state.cloudflare.workerskv";
    private static final String API_TOKEN = "cf-api-token-8Hq2vLr9XbN4";

    private final Ed25519KeyPair keyPair = Ed25519KeyPair.generate();
    private ConnectionRecorder recorder;

    @BeforeAll
    void listen() {
        recorder = new ConnectionRecorder();
        LEAKS.addPrivateKey("the component's private key", keyPair.privateKeyPem());
        LEAKS.addSecret("the Cloudflare API token", API_TOKEN);
    }

    @AfterAll
    void stopListening() throws Exception {
        recorder.close();
    }

    Stream<InvalidCase> invalidMetadata() throws Exception {
        String rsaPem = rsaPrivateKeyPem();
        LEAKS.addPrivateKey("an RSA private key", rsaPem);
        String url = recorder.url();
        List<InvalidCase> cases = new ArrayList<>(List.of(
                InvalidCase.of("kvNamespaceID", null, "kvNamespaceID is missing"),
                InvalidCase.of("kvNamespaceID", "  ", "kvNamespaceID is missing"),
                InvalidCase.of("kvNamespaceID", "ns/evil", "'ns/evil'"),
                InvalidCase.of("kvNamespaceID", "ns id", "'ns id'"),
                InvalidCase.of("kvNamespaceID", "ns?x=1", "'ns?x=1'"),
                InvalidCase.of("kvNamespaceID", "名前", "'名前'"),
                InvalidCase.of("kvNamespaceID", "%2E%2E", "'%2E%2E'"),
                InvalidCase.of("workerName", null, "workerName is missing"),
                InvalidCase.of("workerName", "Upper", "'Upper'"),
                InvalidCase.of("workerName", "-dash", "'-dash'"),
                InvalidCase.of("workerName", "under_score", "'under_score'"),
                InvalidCase.of("workerName", "a".repeat(64), "'" + "a".repeat(64) + "'"),
                InvalidCase.of("key", null, "key is missing"),
                InvalidCase.of("key", " ", "key is missing"),
                InvalidCase.secret("key", "not a pem at all"),
                InvalidCase.secret("key", keyPair.publicKeyPem()),
                InvalidCase.secret("key", rsaPem),
                InvalidCase.secret("key", truncated(keyPair.privateKeyPem())),
                InvalidCase.secret("key", keyPair.privateKeyPem().replace("PRIVATE KEY", "EC PRIVATE KEY")),
                InvalidCase.of("cfAccountID", "0123456789abcdef", "cfAPIToken is missing"),
                InvalidCase.secret("cfAPIToken", API_TOKEN).expecting("cfAccountID is missing"),
                InvalidCase.of("workerUrl", "ftp://127.0.0.1:1", "'ftp://127.0.0.1:1'"),
                InvalidCase.of("workerUrl", "file:///etc/passwd", "'file:///etc/passwd'"),
                InvalidCase.of("workerUrl", "javascript:alert(1)", "'javascript:alert(1)'"),
                InvalidCase.of("workerUrl", "127.0.0.1:8787", "'127.0.0.1:8787'"),
                InvalidCase.of("workerUrl", "not a url", "'not a url'"),
                InvalidCase.of("workerUrl", "http://", "'http://'"),
                InvalidCase.of("workerUrl", "http:///no-host", "'http:///no-host'"),
                InvalidCase.of("workerUrl", url + "/?debug=1", "'" + url + "/?debug=1'"),
                InvalidCase.of("workerUrl", url + "/#fragment", "'" + url + "/#fragment'"),
                InvalidCase.of("workerUrl", "http://exa mple.com", "'http://exa mple.com'"),
                InvalidCase.of("timeoutInSeconds", "0", "'0'"),
                InvalidCase.of("timeoutInSeconds", "-1", "'-1'"),
                InvalidCase.of("timeoutInSeconds", "abc", "'abc'"),
                InvalidCase.of("timeoutInSeconds", "1.5", "'1.5'"),
                InvalidCase.of("timeoutInSeconds", "3601", "'3601'"),
                InvalidCase.of("timeoutInSeconds", "99999999999999999999", "'99999999999999999999'"),
                InvalidCase.of("cfAPIURL", "ftp://api.example", "'ftp://api.example'"),
                InvalidCase.of("workerURL", url, "unknown field 'workerURL'"),
                InvalidCase.of("keyPrefix", "appid", "appID")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMetadata")
    void invalidMetadataFailsBeforeNetwork(InvalidCase invalid) {
        Map<String, String> metadata = validMetadata();
        invalid.applyTo(metadata);
        int connectionsBefore = recorder.acceptedConnections();

        StateStoreException error = assertThrows(StateStoreException.class, () -> StateStores.create(TYPE, metadata));
        LEAKS.inspect(error);

        assertInstanceOf(InvalidComponentException.class, error, "expected a metadata error, got " + error);
        assertEquals(connectionsBefore, recorder.acceptedConnections(), "the provider opened a connection");
        String message = error.getMessage();
        assertTrue(message.contains(invalid.field()), "the message must name " + invalid.field() + ": " + message);
        assertTrue(message.contains(invalid.expectedText()), "the message must contain '" + invalid.expectedText()
                + "': " + message);
        if (invalid.secret() && invalid.value() != null) {
            assertFalse(message.contains(invalid.value().strip()), "the message echoes the secret " + invalid.field());
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> metadata = validMetadata();
        metadata.put("kvNamespaceID", "bad/ns");
        metadata.put("workerName", "Bad_Name");
        metadata.put("timeoutInSeconds", "zero");
        metadata.remove("key");
        int connectionsBefore = recorder.acceptedConnections();

        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create(TYPE, metadata));
        LEAKS.inspect(error);

        for (String expected : List.of("'bad/ns'", "'Bad_Name'", "'zero'", "key is missing")) {
            assertTrue(error.getMessage().contains(expected), expected + " missing from: " + error.getMessage());
        }
        assertEquals(connectionsBefore, recorder.acceptedConnections());
    }

    /** The control case: valid metadata does connect, so the zero counts above mean no connection was tried. */
    @Test
    void validMetadataConnects() {
        Map<String, String> metadata = validMetadata();

        StateStoreException error = assertThrows(StateStoreException.class, () -> StateStores.create(TYPE, metadata));
        LEAKS.inspect(error);

        assertFalse(error instanceof InvalidComponentException, "valid metadata was rejected: " + error);
        assertTrue(recorder.acceptedConnections() > 0, "the provider never connected to the recorder");
        assertTrue(error.getMessage().contains(recorder.url()), error.getMessage());
    }

    /**
     * With nothing listening, invalid metadata still fails as a metadata error, and valid metadata as a connection
     * error.
     */
    @Test
    void deadPortShowsWhichErrorComesFirst() throws Exception {
        String deadUrl;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadUrl = "http://127.0.0.1:" + probe.getLocalPort();
        }
        Map<String, String> invalid = validMetadata();
        invalid.put("workerUrl", deadUrl);
        invalid.put("timeoutInSeconds", "-1");
        Map<String, String> valid = validMetadata();
        valid.put("workerUrl", deadUrl);

        StateStoreException metadataError = assertThrows(StateStoreException.class,
                () -> StateStores.create(TYPE, invalid));
        StateStoreException connectionError = assertThrows(StateStoreException.class,
                () -> StateStores.create(TYPE, valid));
        LEAKS.inspect(metadataError);
        LEAKS.inspect(connectionError);

        assertInstanceOf(InvalidComponentException.class, metadataError);
        assertTrue(metadataError.getMessage().contains("timeoutInSeconds '-1'"), metadataError.getMessage());
        assertFalse(connectionError instanceof InvalidComponentException, connectionError.toString());
        assertTrue(connectionError.getMessage().contains(deadUrl), connectionError.getMessage());
    }

    @Test
    void toStringOfComponentHidesSecrets() {
        Map<String, String> metadata = validMetadata();
        metadata.put("cfAccountID", "0123456789abcdef");
        metadata.put("cfAPIToken", API_TOKEN);
        Component component = Component.of(TYPE, metadata);
        WorkersKvMetadata parsed = WorkersKvMetadata.parse(component);
        LEAKS.inspect(component);
        LEAKS.inspect(parsed);

        List<String> leaks = new ArrayList<>(LEAKS.findLeaks("toString()", component + " " + parsed));

        assertEquals(List.of(), leaks);
        assertTrue(parsed.toString().contains("key=(redacted)"), parsed.toString());
        assertTrue(parsed.toString().contains("cfAPIToken=(redacted)"), parsed.toString());
    }

    /**
     * "." and ".." pass the namespace ID pattern, but URL parsers remove such path segments, so the provider would
     * send /kv/../key to the Worker. They should fail as metadata, like keys "." and "..".
     */
    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotNamespaceIdFailsBeforeNetwork(String namespaceId) {
        Map<String, String> metadata = validMetadata();
        metadata.put("kvNamespaceID", namespaceId);
        int connectionsBefore = recorder.acceptedConnections();

        StateStoreException error = assertThrows(StateStoreException.class, () -> StateStores.create(TYPE, metadata));

        assertInstanceOf(InvalidComponentException.class, error, error.toString());
        assertTrue(error.getMessage().contains("kvNamespaceID '" + namespaceId + "'"), error.getMessage());
        assertEquals(connectionsBefore, recorder.acceptedConnections());
    }

    private Map<String, String> validMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("kvNamespaceID", "0f2ac74b498b48028cb68387c421e279");
        metadata.put("workerName", "statestore-local");
        metadata.put("key", keyPair.privateKeyPem());
        metadata.put("workerUrl", recorder.url());
        metadata.put("timeoutInSeconds", "1");
        return metadata;
    }

    private static String truncated(String pem) {
        String[] lines = pem.split("\n");
        lines[1] = lines[1].substring(0, 30);
        return String.join("\n", lines);
    }

    private static String rsaPrivateKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * One invalid field value; a null value removes the field. {@code expectedText} must appear in the message;
     * the value of a secret field must not.
     */
    record InvalidCase(String field, String value, String expectedText, boolean secret) {
        static InvalidCase of(String field, String value, String expectedText) {
            return new InvalidCase(field, value, expectedText, false);
        }

        static InvalidCase secret(String field, String value) {
            return new InvalidCase(field, value, field, true);
        }

        InvalidCase expecting(String text) {
            return new InvalidCase(field, value, text, secret);
        }

        void applyTo(Map<String, String> metadata) {
            if (value == null) {
                metadata.remove(field);
            } else {
                metadata.put(field, value);
            }
        }

        @Override
        public String toString() {
            if (secret) {
                return field + " = (secret)";
            }
            if (value == null) {
                return field + " = (missing)";
            }
            return field + " = '" + abbreviate(value) + "'";
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }
    }
}
