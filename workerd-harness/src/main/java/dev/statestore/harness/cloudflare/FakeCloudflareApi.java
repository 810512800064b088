package dev.statestore.harness.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.statestore.harness.control.KvControlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake of the Cloudflare API v4 endpoints a managed Worker needs, on 127.0.0.1, that really deploys what it
 * receives: an uploaded script runs in a local workerd at {@link #workerUrl()}, in front of the simulated KV
 * bound under the uploaded namespace ID, with the uploaded {@code PUBLIC_KEY} and {@code TOKEN_AUDIENCE}.
 *
 * <pre>{@code
 * try (FakeCloudflareApi api = new FakeCloudflareApi().start()) {
 *     Map<String, String> metadata = api.componentMetadata("0f2ac74b498b48028cb68387c421e279", "orders-kv",
 *             Ed25519KeyPair.generate().privateKeyPem());
 *     StateStore store = StateStores.create("state.cloudflare.workerskv", metadata);
 * }
 * }</pre>
 *
 * <p>Endpoints, under {@code /client/v4}:
 * <ul>
 *   <li>{@code GET /accounts/{account}/workers/subdomain} returns the configured subdomain;</li>
 *   <li>{@code PUT /accounts/{account}/workers/scripts/{name}} validates the multipart upload (see
 *       {@link ScriptUpload}), stores it and, when the Worker is enabled on workers.dev, deploys it at once;</li>
 *   <li>{@code POST /accounts/{account}/workers/scripts/{name}/subdomain} with {@code {"enabled": true}} starts
 *       the stored Worker, and {@code false} stops it.</li>
 * </ul>
 * Every request needs {@code Authorization: Bearer <the token>}: a wrong token gets 401 with code 10000
 * ("Authentication error"), another account ID 403 with the same code, and a missing header 401 with code
 * 9106. Any other route gets 404 with code 7000.
 *
 * <p>The fake runs one Worker: the first name uploaded or deployed, and the Worker URL serves it whatever that
 * name is. For tests it counts uploads, keeps the last upload's metadata and the request log, can deploy a
 * Worker directly ({@link #deployWorker}), accept uploads without deploying them ({@link #suspendDeploys}),
 * delay responses ({@link #delayResponses}) and fail requests ({@link #failRequests}, {@link #failNextRequests}).
 * Thread-safe.
 */
public final class FakeCloudflareApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeCloudflareApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String API_PATH = "/client/v4";
    public static final String DEFAULT_SUBDOMAIN = "statestore-test";

    private static final Pattern ACCOUNT_ROUTE = Pattern.compile("/accounts/([^/]+)(/.*)");
    private static final Pattern SUBDOMAIN_ROUTE = Pattern.compile("/workers/subdomain");
    private static final Pattern SCRIPT_ROUTE = Pattern.compile("/workers/scripts/([A-Za-z0-9_-]{1,63})");
    private static final Pattern SCRIPT_SUBDOMAIN_ROUTE =
            Pattern.compile("/workers/scripts/([A-Za-z0-9_-]{1,63})/subdomain");

    private String accountId = randomHex(16);
    private String apiToken = randomHex(20);
    private String subdomain = DEFAULT_SUBDOMAIN;
    private String tlsCertificateChainPem;
    private String tlsPrivateKeyPem;

    private HttpServer server;
    private ExecutorService executor;
    private WorkerHost host;
    private final CountDownLatch closing = new CountDownLatch(1);

    private String scriptName;
    private WorkerDeployment stored;
    private boolean workersDevEnabled;
    private boolean deploysSuspended;
    private int uploadCount;
    private ScriptUpload lastUpload;
    private final List<String> requests = new ArrayList<>();
    private ApiFailure injectedFailure;
    private int failuresLeft;
    private Duration responseDelay = Duration.ZERO;

    /** Uses {@code accountId} instead of a random one. */
    public synchronized FakeCloudflareApi withAccountId(String value) {
        requireNotStarted();
        this.accountId = Objects.requireNonNull(value, "accountId");
        return this;
    }

    /** Accepts {@code token} instead of a random one. */
    public synchronized FakeCloudflareApi withApiToken(String token) {
        requireNotStarted();
        this.apiToken = Objects.requireNonNull(token, "apiToken");
        return this;
    }

    /** Returns {@code value} as the account's workers.dev subdomain, instead of {@value #DEFAULT_SUBDOMAIN}. */
    public synchronized FakeCloudflareApi withSubdomain(String value) {
        requireNotStarted();
        this.subdomain = Objects.requireNonNull(value, "subdomain");
        return this;
    }

    /**
     * Serves the deployed Worker over HTTPS with a PEM certificate chain and its PEM private key, so
     * {@link #workerUrl()} is an {@code https} URL. The API itself stays on plain HTTP.
     */
    public synchronized FakeCloudflareApi withWorkerTls(String certificateChainPem, String privateKeyPem) {
        requireNotStarted();
        this.tlsCertificateChainPem = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
        this.tlsPrivateKeyPem = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        return this;
    }

    /** Starts the API server on a free loopback port; no Worker runs until one is uploaded or deployed. */
    public synchronized FakeCloudflareApi start() {
        requireNotStarted();
        host = new WorkerHost(tlsCertificateChainPem, tlsPrivateKeyPem);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            host.close();
            throw new UncheckedIOException("Cannot start the fake Cloudflare API on a loopback port", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-cloudflare-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(API_PATH, this::handle);
        server.start();
        LOG.info("Fake Cloudflare API listening at {} for account '{}'; its Worker URL is {}", apiUrl(), accountId,
                host.workerUrl());
        return this;
    }

    /** Returns the API base URL, the component's {@code cfAPIURL}. */
    public synchronized URI apiUrl() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + API_PATH);
    }

    /** Returns the URL of the Worker the fake runs, the same across deploys; the component's {@code workerUrl}. */
    public synchronized URI workerUrl() {
        requireStarted();
        return host.workerUrl();
    }

    public synchronized String accountId() {
        return accountId;
    }

    /** Returns the token the fake accepts; a test secret, never a real one. */
    public synchronized String apiToken() {
        return apiToken;
    }

    public synchronized String subdomain() {
        return subdomain;
    }

    /**
     * Returns the metadata of a managed {@code state.cloudflare.workerskv} component that deploys through this
     * fake and talks to its Worker URL.
     */
    public Map<String, String> componentMetadata(String namespaceId, String workerName, String privateKeyPem) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("kvNamespaceID", namespaceId);
        metadata.put("workerName", workerName);
        metadata.put("key", privateKeyPem);
        metadata.put("cfAccountID", accountId());
        metadata.put("cfAPIToken", apiToken());
        metadata.put("cfAPIURL", apiUrl().toString());
        metadata.put("workerUrl", workerUrl().toString());
        return metadata;
    }

    /** Returns the number of accepted uploads. */
    public synchronized int uploadCount() {
        return uploadCount;
    }

    /** Returns the metadata part of the last accepted upload. */
    public synchronized Optional<JsonNode> lastUploadMetadata() {
        return Optional.ofNullable(lastUpload).map(upload -> upload.metadata().deepCopy());
    }

    /** Returns the request log, one {@code "METHOD /path"} (below {@code /client/v4}) per request, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Returns what the Worker URL runs now, empty when no Worker runs. */
    public synchronized Optional<WorkerDeployment> runningWorker() {
        requireStarted();
        return host.running();
    }

    /**
     * Deploys a Worker directly, as if it had been uploaded and enabled earlier, for example an outdated script
     * or one bound to another namespace. Counts as no upload. Replaces the running Worker and waits until it
     * accepts requests.
     */
    public synchronized void deployWorker(String name, WorkerDeployment deployment) {
        requireStarted();
        requireSameWorker(name);
        scriptName = name;
        stored = deployment;
        workersDevEnabled = true;
        host.run(deployment);
    }

    /**
     * Accepts uploads without deploying them while {@code suspended}, as if Cloudflare never rolled the script
     * out: the Worker URL keeps serving what ran before, or nothing.
     */
    public synchronized void suspendDeploys(boolean suspended) {
        this.deploysSuspended = suspended;
    }

    /** Delays every response by {@code delay}; {@link Duration#ZERO} turns the delay off. {@link #close()} ends a wait. */
    public synchronized void delayResponses(Duration delay) {
        this.responseDelay = Objects.requireNonNull(delay, "delay");
    }

    /** Fails every request with HTTP {@code status} and one Cloudflare error, until {@link #clearFailures()}. */
    public synchronized void failRequests(int status, int code, String message) {
        failNextRequests(Integer.MAX_VALUE, status, code, message);
    }

    /** Fails the next {@code count} requests with HTTP {@code status} and one Cloudflare error. */
    public synchronized void failNextRequests(int count, int status, int code, String message) {
        this.injectedFailure = new ApiFailure(status, code, message);
        this.failuresLeft = count;
    }

    public synchronized void clearFailures() {
        this.injectedFailure = null;
        this.failuresLeft = 0;
    }

    /** Returns the control client of the simulated KV behind the running Worker. */
    public synchronized KvControlClient control() {
        requireStarted();
        return host.control();
    }

    /** Stops the server and the Worker, ends delayed requests and deletes the KV data. */
    @Override
    public void close() {
        closing.countDown();
        HttpServer stoppedServer;
        synchronized (this) {
            stoppedServer = server;
            server = null;
        }
        if (stoppedServer != null) {
            stoppedServer.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        synchronized (this) {
            if (host != null) {
                host.close();
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "FakeCloudflareApi{account='" + accountId + "', apiToken=(redacted)"
                + (server == null ? ", not started" : ", api=" + apiUrl() + ", worker=" + host.workerUrl()) + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath().substring(API_PATH.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Duration delay;
            synchronized (this) {
                requests.add(method + " " + path);
                delay = responseDelay;
            }
            if (!delay.isZero() && awaitClosing(delay)) {
                return;
            }
            try {
                JsonNode result = route(exchange, method, path, body);
                respond(exchange, 200, envelope(true, null, result));
            } catch (ApiFailure failure) {
                LOG.info("Fake Cloudflare API rejected {} {} with HTTP {} (code {}): {}", method, path,
                        failure.status(), failure.code(), failure.getMessage());
                respond(exchange, failure.status(), envelope(false, failure, null));
            } catch (RuntimeException e) {
                LOG.error("Fake Cloudflare API failed on {} {}", method, path, e);
                ApiFailure failure = new ApiFailure(500, ApiFailure.INTERNAL_ERROR, "FakeCloudflareApi failed: " + e);
                respond(exchange, 500, envelope(false, failure, null));
            }
        }
    }

    private synchronized JsonNode route(HttpExchange exchange, String method, String path, byte[] body) {
        if (injectedFailure != null && failuresLeft > 0) {
            failuresLeft--;
            throw injectedFailure;
        }
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));

        Matcher account = ACCOUNT_ROUTE.matcher(path);
        if (!account.matches()) {
            throw noRoute(path);
        }
        if (!account.group(1).equals(accountId)) {
            throw new ApiFailure(403, ApiFailure.AUTHENTICATION_ERROR, "Authentication error");
        }
        String rest = account.group(2);
        Matcher script = SCRIPT_ROUTE.matcher(rest);
        Matcher scriptSubdomain = SCRIPT_SUBDOMAIN_ROUTE.matcher(rest);
        if (method.equals("GET") && SUBDOMAIN_ROUTE.matcher(rest).matches()) {
            return JSON.createObjectNode().put("subdomain", subdomain);
        }
        if (method.equals("PUT") && script.matches()) {
            return upload(script.group(1), exchange.getRequestHeaders().getFirst("Content-Type"), body);
        }
        if (method.equals("POST") && scriptSubdomain.matches()) {
            return enableWorkersDev(scriptSubdomain.group(1), body);
        }
        throw noRoute(path);
    }

    private void authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiFailure(401, ApiFailure.MISSING_CREDENTIALS,
                    "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        }
        byte[] expected = ("Bearer " + apiToken).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiFailure(401, ApiFailure.AUTHENTICATION_ERROR, "Authentication error");
        }
    }

    private JsonNode upload(String name, String contentType, byte[] body) {
        requireSameWorker(name);
        ScriptUpload upload = ScriptUpload.parse(contentType, body);
        if (workersDevEnabled && !deploysSuspended) {
            deploy(name, upload.deployment());
        }
        scriptName = name;
        stored = upload.deployment();
        uploadCount++;
        lastUpload = upload;
        LOG.info("Fake Cloudflare API accepted upload {} of worker '{}' (version {}, namespace '{}'){}",
                uploadCount, name, stored.scriptVersion(), stored.namespaceId(),
                deploysSuspended ? " without deploying it" : "");
        return JSON.createObjectNode()
                .put("id", name)
                .put("etag", sha256(stored.script()))
                .put("modified_on", Instant.now().toString());
    }

    private JsonNode enableWorkersDev(String name, byte[] body) {
        if (stored == null || !name.equals(scriptName)) {
            throw new ApiFailure(404, ApiFailure.WORKER_NOT_FOUND, "This Worker does not exist on your account.");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.path("enabled").isBoolean()) {
            throw new ApiFailure(400, ApiFailure.INVALID_UPLOAD, "The body must be JSON with a boolean 'enabled'.");
        }
        workersDevEnabled = request.get("enabled").asBoolean();
        boolean runsStored = host.running().map(running -> running == stored).orElse(false);
        if (workersDevEnabled && !runsStored && !deploysSuspended) {
            deploy(name, stored);
        } else if (!workersDevEnabled) {
            host.stop();
        }
        return JSON.createObjectNode().put("enabled", workersDevEnabled).put("previews_enabled", false);
    }

    private void deploy(String name, WorkerDeployment deployment) {
        try {
            host.run(deployment);
        } catch (RuntimeException e) {
            // Cloudflare validates an upload by starting it, and rejects a script that does not start.
            throw ApiFailure.invalidUpload("Worker '" + name + "' failed to start: " + e.getMessage());
        }
    }

    private void requireSameWorker(String name) {
        if (scriptName != null && !scriptName.equals(name)) {
            throw ApiFailure.invalidUpload("FakeCloudflareApi runs one Worker, '" + scriptName + "', and cannot also "
                    + "run '" + name + "': use one fake per Worker name.");
        }
    }

    private static ApiFailure noRoute(String path) {
        return new ApiFailure(404, ApiFailure.NO_ROUTE, "No route for that URI: " + path);
    }

    /** Waits for {@code delay} or until the fake closes; returns true when it closed. */
    private boolean awaitClosing(Duration delay) {
        try {
            return closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static ObjectNode envelope(boolean success, ApiFailure failure, JsonNode result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("success", success);
        ArrayNode errors = root.putArray("errors");
        if (failure != null) {
            errors.addObject().put("code", failure.code()).put("message", failure.getMessage());
        }
        root.putArray("messages");
        root.set("result", result);
        return root;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("Start the fake Cloudflare API first.");
        }
    }

    private void requireNotStarted() {
        if (server != null) {
            throw new IllegalStateException("The fake Cloudflare API is already started: configure it before start().");
        }
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
