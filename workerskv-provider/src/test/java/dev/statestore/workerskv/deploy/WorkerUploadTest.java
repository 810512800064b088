package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statestore.worker.WorkerScript;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;

class WorkerUploadTest {
    private static final String PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";

    @Test
    void metadataHasModuleDateAndThreeBindings() {
        JsonNode metadata = WorkerUpload.bundled("ns-1", PUBLIC_KEY, "orders-kv").metadata();

        assertEquals("worker.js", metadata.path("main_module").asText());
        assertEquals(WorkerScript.COMPATIBILITY_DATE, metadata.path("compatibility_date").asText());
        JsonNode bindings = metadata.path("bindings");
        assertEquals(3, bindings.size());
        assertEquals("{\"type\":\"kv_namespace\",\"name\":\"ns-1\",\"namespace_id\":\"ns-1\"}",
                bindings.get(0).toString());
        assertEquals("plain_text", bindings.get(1).path("type").asText());
        assertEquals("PUBLIC_KEY", bindings.get(1).path("name").asText());
        assertEquals(PUBLIC_KEY, bindings.get(1).path("text").asText());
        assertEquals("{\"type\":\"plain_text\",\"name\":\"TOKEN_AUDIENCE\",\"text\":\"orders-kv\"}",
                bindings.get(2).toString());
    }

    @Test
    void multipartHasMetadataThenModule() throws Exception {
        WorkerUpload upload = WorkerUpload.bundled("ns-1", PUBLIC_KEY, "orders-kv");

        MultipartBody body = upload.toMultipartBody();

        String text = new String(body.toByteArray(), StandardCharsets.UTF_8);
        int metadataAt = text.indexOf("Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n{");
        int moduleAt = text.indexOf("Content-Disposition: form-data; name=\"worker.js\"; filename=\"worker.js\"\r\n"
                + "Content-Type: application/javascript+module\r\n\r\n" + WorkerScript.source() + "\r\n");
        assertTrue(metadataAt > 0, text.substring(0, 300));
        assertTrue(moduleAt > metadataAt, "module part missing or before the metadata");
        String metadataJson = text.substring(text.indexOf('{', metadataAt), text.indexOf("\r\n--", metadataAt));
        assertEquals(upload.metadata(), new ObjectMapper().readTree(metadataJson));
    }

    @Test
    void toStringOmitsSourceAndKey() {
        String text = WorkerUpload.bundled("ns-1", PUBLIC_KEY, "orders-kv").toString();

        assertFalse(text.contains("WORKER_VERSION"), text);
        assertFalse(text.contains("BEGIN PUBLIC KEY"), text);
        assertTrue(text.contains("ns-1"), text);
    }

    @Test
    void derivedPublicKeyVerifiesSignatures() throws Exception {
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] message = "token".getBytes(StandardCharsets.UTF_8);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        byte[] signature = signer.generateSignature();

        String pem = PublicKeyPem.of(privateKey);

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        PemObject object;
        try (PemReader reader = new PemReader(new java.io.StringReader(pem))) {
            object = reader.readPemObject();
        }
        Ed25519PublicKeyParameters publicKey = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(
                object.getContent());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        assertTrue(verifier.verifySignature(signature));
    }
}
