package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.StateStoreException;
import dev.statestore.spi.Component;
import dev.statestore.workerskv.metadata.WorkersKvMetadata;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

/** Unit checks of the deployer; the lifecycle against a running Worker is tested with the fake API in the harness. */
class WorkerDeployerTest {

    @Test
    void preProvisionedComponentRejected() throws IOException {
        Map<String, String> metadata = baseMetadata();
        metadata.put("workerUrl", "http://127.0.0.1:1");
        WorkersKvMetadata parsed = WorkersKvMetadata.parse(Component.of("state.cloudflare.workerskv", metadata));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WorkerDeployer(parsed));
        assertTrue(error.getMessage().contains("cfAccountID and cfAPIToken"), error.getMessage());
    }

    @Test
    void managedComponentAcceptsWorkerUrl() throws IOException {
        Map<String, String> metadata = baseMetadata();
        metadata.put("cfAccountID", "acc");
        metadata.put("cfAPIToken", "secret-token-123");
        metadata.put("workerUrl", "http://127.0.0.1:8787");

        WorkersKvMetadata parsed = WorkersKvMetadata.parse(Component.of("state.cloudflare.workerskv", metadata));

        assertTrue(parsed.isManaged());
        assertEquals("http://127.0.0.1:8787", parsed.workerUrl().orElseThrow().toString());
        String text = new WorkerDeployer(parsed).toString();
        assertFalse(text.contains("secret-token-123"), text);
        assertFalse(text.contains("PRIVATE KEY"), text);
    }

    @Test
    void describeUnwrapsAndNamesType() {
        assertEquals("ConnectException", WorkerDeployer.describe(new CompletionException(new ConnectException())));
        assertEquals("IOException: closed", WorkerDeployer.describe(new ExecutionException(new IOException("closed"))));
        assertEquals("Worker said no", WorkerDeployer.describe(new StateStoreException("Worker said no")));
    }

    private static Map<String, String> baseMetadata() throws IOException {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("kvNamespaceID", "ns");
        metadata.put("workerName", "orders-kv");
        metadata.put("key", privateKeyPem());
        return metadata;
    }

    private static String privateKeyPem() throws IOException {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded()));
        }
        return text.toString();
    }
}
