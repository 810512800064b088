package dev.statestore.harness.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.harness.WorkerdKvProcess;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.StateStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The provider against workerd serving the Worker over HTTPS with a self-signed test certificate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
    private Path directory;
    private Path certificate;
    private WorkerdKvProcess emulator;

    @BeforeAll
    void start(@TempDir Path temporary) throws Exception {
        directory = temporary;
        Path key = directory.resolve("tls-key.pem");
        certificate = directory.resolve("tls-cert.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), "openssl failed: " + output);

        emulator = new WorkerdKvProcess().withTls(Files.readString(certificate), Files.readString(key));
        emulator.start();
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void storeWorksOverHttpsWithTrustedCertificate() {
        assertEquals("https", emulator.workerUrl().getScheme());
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("tlsTrustedCertificates", certificate.toString());

        try (StateStore store = StateStores.create("state.cloudflare.workerskv", metadata)) {
            store.set("secure", "over tls".getBytes(StandardCharsets.UTF_8));
            assertEquals("over tls", store.get("secure").orElseThrow().valueAsString());
        }
    }

    @Test
    void inlinePemIsAccepted() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("tlsTrustedCertificates", Files.readString(certificate));
        try (StateStore store = StateStores.create("state.cloudflare.workerskv", metadata)) {
            store.set("inline", new byte[] {1});
            assertTrue(store.get("inline").isPresent());
        }
    }

    @Test
    void untrustedCertificateFailsClearly() {
        StateStoreException error = assertThrows(StateStoreException.class,
                () -> StateStores.create("state.cloudflare.workerskv", emulator.componentMetadata()));
        assertTrue(error.getMessage().contains(emulator.workerUrl().toString()), error.getMessage());
    }

    @Test
    void unreadableTrustSettingIsRejectedBeforeConnecting() {
        Map<String, String> metadata = new LinkedHashMap<>(emulator.componentMetadata());
        metadata.put("tlsTrustedCertificates", directory.resolve("missing.pem").toString());
        InvalidComponentException error = assertThrows(InvalidComponentException.class,
                () -> StateStores.create("state.cloudflare.workerskv", metadata));
        assertTrue(error.getMessage().contains("tlsTrustedCertificates"), error.getMessage());
    }
}
