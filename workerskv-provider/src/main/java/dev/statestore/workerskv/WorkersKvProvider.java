package dev.statestore.workerskv;

import com.google.auto.service.AutoService;
import dev.statestore.api.StateStoreException;
import dev.statestore.spi.Component;
import dev.statestore.spi.MetadataField;
import dev.statestore.spi.StateStoreProvider;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.deploy.WorkerDeployer;
import dev.statestore.workerskv.http.RetryPolicy;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.http.WorkerInfo;
import dev.statestore.workerskv.metadata.PrivateKeys;
import dev.statestore.workerskv.metadata.TrustedCertificates;
import dev.statestore.workerskv.metadata.WorkersKvMetadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Provider of {@code state.cloudflare.workerskv}: Workers KV reached through a Worker. */
@AutoService(StateStoreProvider.class)
public final class WorkersKvProvider implements StateStoreProvider {
    public static final String TYPE = "state.cloudflare.workerskv";
    private static final Logger LOG = LoggerFactory.getLogger(WorkersKvProvider.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<MetadataField> metadataFields() {
        return WorkersKvMetadata.FIELDS;
    }

    @Override
    public WorkersKvStateStore create(Component component) {
        WorkersKvMetadata metadata = WorkersKvMetadata.parse(component);
        URI workerUrl = metadata.isManaged()
                ? WorkerDeployer.ensureDeployed(metadata)
                : metadata.workerUrl().orElseThrow();
        warnOnPlainHttp(workerUrl);
        HttpClient.Builder httpBuilder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(metadata.timeout());
        metadata.trustedCertificates().ifPresent(pem -> httpBuilder.sslContext(TrustedCertificates.sslContext(pem)));
        HttpClient http = httpBuilder.build();
        TokenSigner signer = new TokenSigner(PrivateKeys.parse(metadata.privateKeyPem()), metadata.workerName(),
                Clock.systemUTC(), true);
        WorkerClient client = new WorkerClient(http, workerUrl, metadata.namespaceId(), signer, metadata.timeout(),
                RetryPolicy.DEFAULT);
        WorkerInfo info = checkWorker(client, metadata);
        LOG.info("Opened Workers KV namespace '{}' through Worker '{}' at {} (version {})",
                metadata.namespaceId(), metadata.workerName(), workerUrl, info.version());
        return new WorkersKvStateStore(client, info, () -> closeQuietly(http));
    }

    /** Warns when tokens would cross a network in clear text: plain HTTP to a host other than loopback. */
    private static void warnOnPlainHttp(URI workerUrl) {
        if (!"http".equalsIgnoreCase(workerUrl.getScheme())) {
            return;
        }
        String host = workerUrl.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        if (!loopback) {
            LOG.warn("Worker URL {} uses plain HTTP to a host other than loopback: bearer tokens and values travel "
                    + "unencrypted. Use https:// for any Worker reached over a network.", workerUrl);
        }
    }

    private static WorkerInfo checkWorker(WorkerClient client, WorkersKvMetadata metadata) {
        WorkerInfo info;
        try {
            info = client.info().get(metadata.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StateStoreException("Worker at " + client.baseUrl() + " did not respond within initTimeout "
                    + metadata.initTimeout() + ": check workerUrl and that the Worker is deployed.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("Interrupted while checking the Worker at " + client.baseUrl(), e);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            throw new StateStoreException("Cannot use the Worker at " + client.baseUrl() + ": "
                    + cause.getMessage(), cause);
        }
        if (!info.isAtLeast(WorkerInfo.MIN_VERSION)) {
            throw new StateStoreException("Worker at " + client.baseUrl() + " reports version '" + info.version()
                    + "', older than the oldest supported " + WorkerInfo.MIN_VERSION + ": redeploy it with the "
                    + "bundled worker.js.");
        }
        if (!info.namespaces().contains(metadata.namespaceId())) {
            throw new StateStoreException("Worker at " + client.baseUrl() + " has no KV binding named '"
                    + metadata.namespaceId() + "' (it has " + info.namespaces() + "): add a kv_namespaces binding "
                    + "with binding = \"" + metadata.namespaceId() + "\" and redeploy, or fix kvNamespaceID.");
        }
        return info;
    }

    private static void closeQuietly(HttpClient http) {
        // HttpClient is AutoCloseable only from Java 21; on 17 its threads end once it is unreachable.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the HTTP client failed", e);
            }
        }
    }
}
