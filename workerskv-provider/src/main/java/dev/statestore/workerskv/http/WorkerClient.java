package dev.statestore.workerskv.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.TimedOutException;
import dev.statestore.api.UnavailableException;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.keys.KeyEscaper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP client of one Worker and one KV namespace. Every call is asynchronous on
 * {@link HttpClient#sendAsync}, carries a fresh or reused bearer token, and is retried with backoff on
 * connection errors, 429 and 5xx until its deadline ({@code timeoutInSeconds}). Thread-safe.
 */
public final class WorkerClient {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Response header that carries an entry's expiration in Unix seconds, sent by this project's Worker. */
    static final String EXPIRATION_HEADER = "X-KV-Expiration";
    /** Request and response header that carries an entry's content type. */
    static final String CONTENT_TYPE_HEADER = "X-KV-Content-Type";

    private static final java.util.regex.Pattern BEARER =
            java.util.regex.Pattern.compile("(?i)bearer\\s+\\S+");
    private static final java.util.regex.Pattern JWT =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    private final HttpClient http;
    private final URI baseUrl;
    private final String namespace;
    private final TokenSigner signer;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;

    public WorkerClient(HttpClient http, URI baseUrl, String namespace, TokenSigner signer, Duration timeout,
            RetryPolicy retryPolicy) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.namespace = namespace;
        this.signer = signer;
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Reads the Worker's info route. */
    public CompletableFuture<WorkerInfo> info() {
        URI uri = URI.create(baseUrl + "/.well-known/dapr/info");
        return send("info", null, () -> request(uri).GET(), HttpResponse.BodyHandlers.ofByteArray(), response -> {
            if (response.statusCode() != 200) {
                throw failure("info", null, response.statusCode(), body(response));
            }
            return parseInfo(response.body());
        });
    }

    /** Reads one key. */
    public CompletableFuture<Optional<StateItem>> get(String key) {
        URI uri = keyUri(key);
        return send("get", key, () -> request(uri).GET(), HttpResponse.BodyHandlers.ofByteArray(), response -> {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw failure("get", key, response.statusCode(), body(response));
            }
            return Optional.of(toItem(key, response));
        });
    }

    /** Writes one key, with a TTL in seconds when {@code ttlSeconds} is not null. */
    public CompletableFuture<Void> put(String key, byte[] value, Long ttlSeconds, String contentType) {
        URI uri = ttlSeconds == null ? keyUri(key) : URI.create(keyUri(key) + "?ttl=" + ttlSeconds);
        return send("set", key, () -> {
            HttpRequest.Builder builder = request(uri).POST(HttpRequest.BodyPublishers.ofByteArray(value))
                    .header("Content-Type", "application/octet-stream");
            if (contentType != null) {
                builder.header(CONTENT_TYPE_HEADER, contentType);
            }
            return builder;
        }, HttpResponse.BodyHandlers.ofByteArray(), response -> {
            int status = response.statusCode();
            if (status != 201 && status != 200 && status != 204) {
                throw failure("set", key, status, body(response));
            }
            return null;
        });
    }

    /** Deletes one key. */
    public CompletableFuture<Void> delete(String key) {
        URI uri = keyUri(key);
        return send("delete", key, () -> request(uri).DELETE(), HttpResponse.BodyHandlers.ofByteArray(), response -> {
            int status = response.statusCode();
            if (status != 204 && status != 200 && status != 404) {
                throw failure("delete", key, status, body(response));
            }
            return null;
        });
    }

    /**
     * Runs operations through the Worker's batch route; the result list matches {@code operations} in order.
     * Only for a Worker that advertises the {@code batch} extension.
     */
    public CompletableFuture<List<BatchResult>> batch(List<BatchOperation> operations) {
        URI uri = URI.create(baseUrl + "/batch/" + namespace);
        byte[] body = encodeBatch(operations);
        return send("batch", null, () -> request(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json"), HttpResponse.BodyHandlers.ofByteArray(), response -> {
                    if (response.statusCode() != 200) {
                        throw failure("batch of " + operations.size() + " operations", null, response.statusCode(),
                                body(response));
                    }
                    return decodeBatch(response.body(), operations.size());
                });
    }

    /**
     * Lists one page of application keys that start with {@code prefix}. Only for a Worker that advertises the
     * {@code list} extension.
     */
    public CompletableFuture<KeyListing> list(String prefix, String cursor, int limit) {
        StringBuilder query = new StringBuilder("?limit=").append(limit)
                .append("&prefix=").append(java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        if (cursor != null && !cursor.isEmpty()) {
            query.append("&cursor=").append(java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        URI uri = URI.create(baseUrl + "/list/" + namespace + query);
        return send("list", null, () -> request(uri).GET(), HttpResponse.BodyHandlers.ofByteArray(), response -> {
            if (response.statusCode() != 200) {
                throw failure("list of prefix '" + prefix + "'", null, response.statusCode(), body(response));
            }
            return decodeListing(response.body());
        });
    }

    private URI keyUri(String key) {
        return URI.create(baseUrl + "/kv/" + namespace + "/" + KeyEscaper.escape(key));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + signer.token());
    }

    private <B, T> CompletableFuture<T> send(String operation, String key,
            java.util.function.Supplier<HttpRequest.Builder> requestFactory, HttpResponse.BodyHandler<B> handler,
            Function<HttpResponse<B>, T> onResponse) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return attempt(1, deadline, operation, key, requestFactory, handler, onResponse);
    }

    private <B, T> CompletableFuture<T> attempt(int attempt, long deadline, String operation, String key,
            java.util.function.Supplier<HttpRequest.Builder> requestFactory, HttpResponse.BodyHandler<B> handler,
            Function<HttpResponse<B>, T> onResponse) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(timedOut(operation, key, null));
        }
        HttpRequest request = requestFactory.get().timeout(Duration.ofNanos(remaining)).build();
        return http.sendAsync(request, handler).handle((response, error) -> {
            if (error == null && !RetryPolicy.isRetryableStatus(response.statusCode())) {
                return CompletableFuture.completedFuture(onResponse.apply(response));
            }
            Throwable cause = unwrap(error);
            StateStoreException failure = error == null
                    ? failure(operation, key, response.statusCode(), body(response))
                    : transportFailure(operation, key, cause);
            if (cause != null && !(cause instanceof IOException)) {
                return CompletableFuture.<T>failedFuture(failure);
            }
            Duration delay = retryPolicy.delayAfter(attempt);
            boolean timeLeft = deadline - System.nanoTime() > delay.toNanos();
            if (attempt >= retryPolicy.maxAttempts() || !timeLeft) {
                if (!timeLeft && cause instanceof HttpTimeoutException) {
                    return CompletableFuture.<T>failedFuture(timedOut(operation, key, cause));
                }
                return CompletableFuture.<T>failedFuture(failure);
            }
            LOG.debug("Retrying {} of key '{}' on {} in {} ms (attempt {} of {}): {}", operation, key, baseUrl,
                    delay.toMillis(), attempt + 1, retryPolicy.maxAttempts(), failure.getMessage());
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> attempt(attempt + 1, deadline, operation, key, requestFactory, handler,
                            onResponse));
        }).thenCompose(Function.identity());
    }

    private StateItem toItem(String key, HttpResponse<byte[]> response) {
        StateItem.Builder builder = StateItem.builder(key).value(response.body());
        response.headers().firstValue(CONTENT_TYPE_HEADER).ifPresent(builder::contentType);
        response.headers().firstValue(EXPIRATION_HEADER).ifPresent(text -> {
            try {
                Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(text.trim()));
                builder.expiresAt(expiresAt);
                builder.metadata(Map.of("ttlExpireTime", DateTimeFormatter.ISO_INSTANT.format(expiresAt)));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring invalid {} header '{}' for key '{}' from {}", EXPIRATION_HEADER, text, key,
                        baseUrl);
            }
        });
        return builder.build();
    }

    private StateStoreException failure(String operation, String key, int status, String body) {
        String subject = operation + (key == null ? "" : " of key '" + key + "'") + " on Worker " + baseUrl;
        String reason = body.isBlank() ? "" : ": " + body.strip();
        return switch (status) {
            case 400, 413, 414 -> new InvalidRequestException("Worker rejected " + subject + " as invalid (HTTP "
                    + status + ")" + reason);
            case 401 -> new StateStoreException("Worker rejected the token for " + subject + " (HTTP 401): check that "
                    + "the component's key matches the Worker's PUBLIC_KEY and that workerName equals its "
                    + "TOKEN_AUDIENCE, and that this machine's clock is right.");
            case 412 -> new StateStoreException("Worker has no KV binding named '" + namespace + "' (" + subject
                    + ", HTTP 412): bind the namespace to the Worker under its ID, or fix kvNamespaceID.");
            default -> RetryPolicy.isRetryableStatus(status)
                    ? new UnavailableException(subject + " failed with HTTP " + status + reason)
                    : new StateStoreException(subject + " failed with unexpected HTTP " + status + reason);
        };
    }

    private StateStoreException transportFailure(String operation, String key, Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return timedOut(operation, key, cause);
        }
        String subject = operation + (key == null ? "" : " of key '" + key + "'");
        if (cause instanceof IOException) {
            return new UnavailableException(subject + " failed: cannot reach Worker " + baseUrl + ": " + cause,
                    cause);
        }
        return cause instanceof StateStoreException stateStoreException ? stateStoreException
                : new StateStoreException(subject + " failed on Worker " + baseUrl + ": " + cause, cause);
    }

    private TimedOutException timedOut(String operation, String key, Throwable cause) {
        return new TimedOutException(operation + (key == null ? "" : " of key '" + key + "'") + " on Worker "
                + baseUrl + " timed out after " + timeout.toMillis() + " ms (timeoutInSeconds); raise it or check "
                + "the Worker.", cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String body(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            String text = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8);
            // A proxy or Worker may echo request headers; no bearer token may reach an exception message.
            return JWT.matcher(BEARER.matcher(text).replaceAll("Bearer (redacted)")).replaceAll("(redacted token)")
                    .replaceAll("[\\r\\n]+", " ");
        }
        return "";
    }

    private static byte[] encodeBatch(List<BatchOperation> operations) {
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode ops = root.putArray("ops");
        for (BatchOperation operation : operations) {
            com.fasterxml.jackson.databind.node.ObjectNode op = ops.addObject()
                    .put("op", operation.type()).put("key", operation.key());
            if (operation.value() != null) {
                op.put("value", java.util.Base64.getEncoder().encodeToString(operation.value()));
            }
            if (operation.ttlSeconds() != null) {
                op.put("ttl", operation.ttlSeconds());
            }
            if (operation.contentType() != null) {
                op.put("contentType", operation.contentType());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new StateStoreException("Cannot encode a batch request: " + e.getMessage(), e);
        }
    }

    private static List<BatchResult> decodeBatch(byte[] body, int expected) {
        JsonNode results;
        try {
            results = JSON.readTree(body).path("results");
        } catch (IOException e) {
            throw new StateStoreException("Worker batch response is not JSON: " + e.getMessage(), e);
        }
        if (!results.isArray() || results.size() != expected) {
            throw new StateStoreException("Worker batch response has " + results.size() + " results for "
                    + expected + " operations; the Worker may be incompatible.");
        }
        List<BatchResult> decoded = new ArrayList<>(expected);
        for (JsonNode result : results) {
            JsonNode value = result.get("value");
            JsonNode expiration = result.get("expiration");
            JsonNode contentType = result.get("contentType");
            JsonNode error = result.get("error");
            decoded.add(new BatchResult(result.path("status").asInt(0),
                    value == null ? null : java.util.Base64.getDecoder().decode(value.asText()),
                    expiration == null || !expiration.canConvertToLong() ? Optional.empty()
                            : Optional.of(expiration.asLong()),
                    contentType == null ? Optional.empty() : Optional.of(contentType.asText()),
                    error == null ? Optional.empty() : Optional.of(error.asText())));
        }
        return decoded;
    }

    private static KeyListing decodeListing(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<String> keys = new ArrayList<>();
            root.path("keys").forEach(entry -> keys.add(entry.path("key").asText()));
            boolean complete = root.path("complete").asBoolean(true);
            String cursor = root.path("cursor").asText("");
            return new KeyListing(keys, complete || cursor.isEmpty() ? Optional.empty() : Optional.of(cursor));
        } catch (IOException e) {
            throw new StateStoreException("Worker list response is not JSON: " + e.getMessage(), e);
        }
    }

    private static WorkerInfo parseInfo(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            String version = root.path("version").asText("");
            List<String> namespaces = new ArrayList<>();
            root.path("kv").forEach(node -> namespaces.add(node.asText()));
            Set<String> extensions = new HashSet<>();
            JsonNode extensionNode = root.path("extensions");
            extensionNode.fieldNames().forEachRemaining(name -> {
                JsonNode value = extensionNode.get(name);
                if (!value.isBoolean() || value.asBoolean()) {
                    extensions.add(name);
                }
            });
            int batchMaxKeys = extensionNode.path("batch").path("maxKeys").asInt(0);
            long batchMaxBytes = extensionNode.path("batch").path("maxBytes").asLong(0);
            return new WorkerInfo(version, namespaces, extensions, batchMaxKeys, batchMaxBytes);
        } catch (IOException e) {
            throw new StateStoreException("Worker info response is not JSON: " + e.getMessage(), e);
        }
    }
}
