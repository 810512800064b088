package dev.statestore.workerskv.deploy;

import dev.statestore.api.StateStoreException;
import dev.statestore.api.TimedOutException;
import dev.statestore.worker.WorkerScript;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.http.RetryPolicy;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.http.WorkerInfo;
import dev.statestore.workerskv.metadata.PrivateKeys;
import dev.statestore.workerskv.metadata.TrustedCertificates;
import dev.statestore.workerskv.metadata.WorkersKvMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys and upgrades a managed Worker (a component with {@code cfAccountID} and {@code cfAPIToken}) through
 * the Cloudflare API, all within {@code initTimeout}:
 * <ol>
 *   <li>looks up the account's workers.dev subdomain, which also proves the token and account ID, even when
 *       {@code workerUrl} is set;</li>
 *   <li>takes the Worker URL from {@code workerUrl}, or else {@code https://{workerName}.{subdomain}.workers.dev};</li>
 *   <li>reads the Worker's info route with a signed token, and stops there when the Worker reports at least the
 *       bundled {@code worker.js} version and a KV binding named {@code kvNamespaceID};</li>
 *   <li>otherwise (missing Worker, 401 from a Worker configured with another public key, older version,
 *       missing binding) uploads the bundled {@code worker.js} with the namespace, {@code PUBLIC_KEY} and
 *       {@code TOKEN_AUDIENCE} bindings, and enables it on workers.dev;</li>
 *   <li>polls the info route with backoff until the Worker reports the bundled version and the namespace.</li>
 * </ol>
 * API requests that fail with 429, 5xx or a transport error are retried with backoff until the deadline. Other
 * API errors fail at once with Cloudflare's message. Logs and messages never contain the API token or the
 * private key.
 *
 * <p>NOTE: an upload replaces every binding of the Worker. Two components that share a {@code workerName} but
 * not a {@code kvNamespaceID} therefore upload in turn, each dropping the other's binding: give each namespace
 * its own Worker name.
 */
public final class WorkerDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerDeployer.class);
    /** First wait between two polls of the info route or two attempts of an API request; it doubles each time. */
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    /** Maximum wait between two polls or two attempts. */
    static final Duration MAX_DELAY = Duration.ofSeconds(2);
    /** Time allowed beyond a request's own timeout before an info request is abandoned. */
    private static final Duration INFO_GRACE = Duration.ofSeconds(1);

    private final WorkersKvMetadata metadata;
    private final HttpClient workerHttp;
    private final CloudflareApiClient api;
    private final TokenSigner signer;
    private final WorkerUpload upload;
    private final String bundledVersion;

    /**
     * Creates a deployer with its own HTTP clients: the Cloudflare API is verified with the JVM's default trust,
     * and the Worker with {@code tlsTrustedCertificates} when the component sets it.
     */
    public WorkerDeployer(WorkersKvMetadata metadata) {
        this(metadata, httpClient(metadata).build(), workerHttpClient(metadata));
    }

    /**
     * Creates a deployer for a managed component; throws when the metadata has no account ID and token.
     *
     * @param apiHttp the client for the Cloudflare API
     * @param workerHttp the client for the Worker's info route
     */
    public WorkerDeployer(WorkersKvMetadata metadata, HttpClient apiHttp, HttpClient workerHttp) {
        if (!metadata.isManaged() || metadata.apiToken().isEmpty()) {
            throw new IllegalArgumentException("Component for Worker '" + metadata.workerName() + "' is not "
                    + "managed: set cfAccountID and cfAPIToken to let the provider deploy the Worker.");
        }
        this.metadata = metadata;
        this.workerHttp = workerHttp;
        this.api = new CloudflareApiClient(apiHttp, metadata.apiUrl(), metadata.accountId().orElseThrow(),
                metadata.apiToken().orElseThrow());
        Ed25519PrivateKeyParameters privateKey = PrivateKeys.parse(metadata.privateKeyPem());
        this.signer = new TokenSigner(privateKey, metadata.workerName(), Clock.systemUTC(), true);
        this.upload = WorkerUpload.bundled(metadata.namespaceId(), PublicKeyPem.of(privateKey),
                metadata.workerName());
        this.bundledVersion = WorkerScript.version();
    }

    /** Deploys or upgrades the Worker of {@code metadata} when needed and returns the URL to talk to. */
    public static URI ensureDeployed(WorkersKvMetadata metadata) {
        return new WorkerDeployer(metadata).ensureDeployed();
    }

    /**
     * Makes sure the Worker runs at least the bundled {@code worker.js} with the namespace bound, uploading it
     * when needed, and returns the Worker URL.
     *
     * @throws CloudflareApiException when the API rejects a request (for example a wrong token)
     * @throws TimedOutException when the Worker is not ready within {@code initTimeout}
     */
    public URI ensureDeployed() {
        Deadline deadline = Deadline.start(metadata.initTimeout());
        String workerName = metadata.workerName();
        URI knownUrl = metadata.workerUrl().orElse(null);

        String subdomain = callApi("looking up the workers.dev subdomain", knownUrl, deadline,
                timeout -> api.workersSubdomain(timeout));
        URI workerUrl = knownUrl != null ? knownUrl : URI.create("https://" + workerName + "." + subdomain
                + ".workers.dev");

        WorkerCheck check = check(workerUrl, deadline);
        if (check.isCurrent()) {
            LOG.info("Worker '{}' at {} is current (version {}, KV namespace '{}'): nothing to upload", workerName,
                    workerUrl, check.info().map(WorkerInfo::version).orElse("?"), metadata.namespaceId());
            return workerUrl;
        }
        LOG.info("Uploading worker '{}' version {} because the Worker at {} is not current: {}", workerName,
                bundledVersion, workerUrl, check.problem());

        callApi("uploading the worker", workerUrl, deadline, timeout -> {
            api.uploadScript(workerName, upload, timeout);
            return null;
        });
        callApi("enabling the worker on workers.dev", workerUrl, deadline, timeout -> {
            api.enableWorkersDev(workerName, timeout);
            return null;
        });
        LOG.info("Uploaded worker '{}' version {} to account '{}' and enabled it on workers.dev", workerName,
                bundledVersion, metadata.accountId().orElseThrow());

        WorkerInfo info = awaitCurrent(workerUrl, deadline);
        LOG.info("Deployed worker '{}' version {} at {} with KV namespace '{}' in {} ms", workerName,
                info.version(), workerUrl, metadata.namespaceId(), deadline.elapsed().toMillis());
        return workerUrl;
    }

    @Override
    public String toString() {
        return "WorkerDeployer{workerName='" + metadata.workerName() + "', api=" + api + "}";
    }

    private WorkerInfo awaitCurrent(URI workerUrl, Deadline deadline) {
        Duration delay = FIRST_DELAY;
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            if (lastProblem == null) {
                LOG.info("Waiting for worker '{}' at {} (attempt {})", metadata.workerName(), workerUrl, attempt);
            } else {
                LOG.info("Waiting for worker '{}' at {} (attempt {}); last check: {}", metadata.workerName(),
                        workerUrl, attempt, lastProblem);
            }
            WorkerCheck check = check(workerUrl, deadline);
            if (check.isCurrent()) {
                return check.info().orElseThrow();
            }
            lastProblem = check.problem();
            if (!deadline.allows(delay)) {
                throw timedOut(workerUrl, "waiting for the uploaded worker", deadline, lastProblem, null);
            }
            pause(delay);
            delay = next(delay);
        }
    }

    private WorkerCheck check(URI workerUrl, Deadline deadline) {
        Duration timeout = deadline.requestTimeout(metadata.timeout());
        WorkerClient client = new WorkerClient(workerHttp, workerUrl, metadata.namespaceId(), signer, timeout,
                RetryPolicy.NONE);
        CompletableFuture<WorkerInfo> info = client.info();
        try {
            return WorkerCheck.of(info.get(timeout.plus(INFO_GRACE).toMillis(), TimeUnit.MILLISECONDS),
                    bundledVersion, metadata.namespaceId());
        } catch (ExecutionException e) {
            return WorkerCheck.failed(describe(e.getCause()));
        } catch (TimeoutException e) {
            info.cancel(true);
            return WorkerCheck.failed("no response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private <T> T callApi(String stage, URI workerUrl, Deadline deadline, ApiCall<T> call) {
        Duration delay = FIRST_DELAY;
        for (int attempt = 1; ; attempt++) {
            Exception failure;
            try {
                return call.send(deadline.requestTimeout(metadata.timeout()));
            } catch (CloudflareApiException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                failure = e;
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
            if (!deadline.allows(delay)) {
                throw timedOut(workerUrl, stage, deadline, describe(failure), failure);
            }
            LOG.info("Retrying Cloudflare API request for worker '{}' ({}) in {} ms, attempt {}: {}",
                    metadata.workerName(), stage, delay.toMillis(), attempt + 1, describe(failure));
            pause(delay);
            delay = next(delay);
        }
    }

    private TimedOutException timedOut(URI workerUrl, String stage, Deadline deadline, String lastError,
            Throwable cause) {
        String where = workerUrl != null ? "at " + workerUrl
                : "at https://" + metadata.workerName() + ".<subdomain>.workers.dev";
        return new TimedOutException("Managed worker '" + metadata.workerName() + "' " + where + " was not ready "
                + "within initTimeout " + deadline.limit() + ": gave up after " + deadline.elapsed().toMillis()
                + " ms while " + stage + ". Last error: " + lastError + ". Check cfAPIURL, workerUrl and the "
                + "network, or raise initTimeout.", cause);
    }

    private StateStoreException interrupted(InterruptedException e) {
        return new StateStoreException("Interrupted while deploying worker '" + metadata.workerName() + "'", e);
    }

    private void pause(Duration delay) {
        try {
            // Polling a remote deployment; there is no event to wait on.
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private static HttpClient.Builder httpClient(WorkersKvMetadata metadata) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(metadata.timeout());
    }

    private static HttpClient workerHttpClient(WorkersKvMetadata metadata) {
        HttpClient.Builder builder = httpClient(metadata);
        metadata.trustedCertificates().ifPresent(pem -> builder.sslContext(TrustedCertificates.sslContext(pem)));
        return builder.build();
    }

    private static Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
    }

    /** Describes a failure in one line: the message, or the exception type when it has none. */
    static String describe(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof StateStoreException && current.getMessage() != null) {
            return current.getMessage();
        }
        String message = current.getMessage();
        return current.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** One API request, sent with the given timeout. */
    @FunctionalInterface
    private interface ApiCall<T> {
        T send(Duration timeout) throws IOException, InterruptedException;
    }
}
