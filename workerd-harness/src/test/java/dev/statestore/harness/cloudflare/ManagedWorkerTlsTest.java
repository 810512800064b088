package dev.statestore.harness.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.StateStore;
import dev.statestore.harness.keys.Ed25519KeyPair;
import dev.statestore.spi.StateStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed Worker served over HTTPS with a self-signed certificate: the provider checks and uses the Worker with
 * {@code tlsTrustedCertificates}. The fake API itself stays on plain HTTP.
 */
class ManagedWorkerTlsTest {
    private static final String NAMESPACE = "5d1c7a2e9b8f4c3da1e6f0b2c4d8e9a7";
    private static final String WORKER = "orders-kv";

    @Test
    void deployAndUseOverHttps(@TempDir Path directory) throws Exception {
        Path key = directory.resolve("tls-key.pem");
        Path certificate = directory.resolve("tls-cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), "openssl failed: " + output);

        try (FakeCloudflareApi api = new FakeCloudflareApi()
                .withWorkerTls(Files.readString(certificate), Files.readString(key)).start()) {
            Map<String, String> metadata = new HashMap<>(api.componentMetadata(NAMESPACE, WORKER,
                    Ed25519KeyPair.generate().privateKeyPem()));
            metadata.put("tlsTrustedCertificates", certificate.toString());

            try (StateStore store = StateStores.create("state.cloudflare.workerskv", metadata)) {
                store.set("k", "v".getBytes(StandardCharsets.UTF_8));
                assertEquals("v", store.get("k").orElseThrow().valueAsString());
            }

            assertEquals("https", api.workerUrl().getScheme());
            assertEquals(1, api.uploadCount());
        }
    }
}
