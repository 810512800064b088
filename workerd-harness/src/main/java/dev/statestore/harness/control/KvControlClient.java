package dev.statestore.harness.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Typed client of the simulated KV's control API: the virtual clock, stored entries, faults, replication
 * between the two simulated data centres, and reset. Names passed here are stored KV names, exactly as KV
 * stores them (the escaped form the Worker writes). Thread-safe.
 */
public final class KvControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String namespaceId;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public KvControlClient(URI baseUrl, String namespaceId) {
        this.baseUrl = baseUrl;
        this.namespaceId = namespaceId;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Tells whether the control API responds. */
    public boolean isHealthy() {
        return isHealthy(null);
    }

    /**
     * Tells whether the control API responds and, when {@code expectedInstance} is not null, belongs to the
     * simulator with that instance ID.
     */
    public boolean isHealthy(String expectedInstance) {
        try {
            HttpResponse<String> response = http.send(request("/control/health").timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            return expectedInstance == null
                    || expectedInstance.equals(JSON.readTree(response.body()).path("instance").asText(null));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Clears every namespace in both data centres, the faults, pending replication and the clock offset. */
    public void reset() {
        send("POST", "/control/reset", null);
    }

    /** Returns the simulated KV's current time. */
    public Instant now() {
        return Instant.ofEpochMilli(send("GET", "/control/clock", null).path("now").asLong());
    }

    /** Moves the virtual clock forward, so entries with a TTL expire without waiting. */
    public void advanceClock(Duration duration) {
        ObjectNode body = JSON.createObjectNode().put("advanceMs", duration.toMillis());
        send("POST", "/control/clock", body);
    }

    /** Sets the virtual clock to an absolute time. */
    public void setClock(Instant instant) {
        send("POST", "/control/clock", JSON.createObjectNode().put("setMs", instant.toEpochMilli()));
    }

    /** Stops or restarts the virtual clock. */
    public void freezeClock(boolean frozen) {
        send("POST", "/control/clock", JSON.createObjectNode().put("freeze", frozen));
    }

    /** Returns the stored names of the namespace in data centre a, optionally filtered by a prefix. */
    public List<String> keys() {
        return keys("a", "");
    }

    public List<String> keys(String dataCentre, String prefix) {
        JsonNode response = send("GET", namespacePath("/keys") + "?dataCentre=" + encode(dataCentre)
                + "&prefix=" + encode(prefix), null);
        List<String> names = new ArrayList<>();
        response.path("keys").forEach(key -> names.add(key.path("name").asText()));
        return names;
    }

    /** Returns the number of live entries of the namespace in data centre a. */
    public int count() {
        return count("a");
    }

    public int count(String dataCentre) {
        return send("GET", namespacePath("/count") + "?dataCentre=" + encode(dataCentre), null).path("count").asInt();
    }

    /** Returns one stored entry of data centre a by its stored name. */
    public Optional<StoredEntry> entry(String storedName) {
        return entry("a", storedName);
    }

    public Optional<StoredEntry> entry(String dataCentre, String storedName) {
        HttpRequest request = request(namespacePath("/entries/" + encode(storedName)) + "?dataCentre="
                + encode(dataCentre)).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Control API GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the control API", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Control API GET " + request.uri() + " failed with HTTP "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        Optional<Instant> expiration = response.headers().firstValue("X-KV-Expiration")
                .map(text -> Instant.ofEpochSecond(Long.parseLong(text.trim())));
        Optional<String> metadata = response.headers().firstValue("CF-KV-Metadata");
        return Optional.of(new StoredEntry(storedName, response.body(), expiration, metadata));
    }

    /** Returns every entry of the namespace in data centre a. */
    public List<StoredEntry> dump() {
        List<StoredEntry> entries = new ArrayList<>();
        send("GET", namespacePath("/dump") + "?dataCentre=a", null).path("entries")
                .forEach(node -> entries.add(toEntry(node)));
        return entries;
    }

    /** Stores an entry directly, as another application (Dapr, for example) would have written it. */
    public void putEntry(String storedName, byte[] value) {
        HttpRequest request = request(namespacePath("/entries/" + encode(storedName)) + "?dataCentre=a")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(value)).build();
        expectSuccess(request);
    }

    /** Deletes an entry directly. */
    public void deleteEntry(String storedName) {
        expectSuccess(request(namespacePath("/entries/" + encode(storedName))).DELETE().build());
    }

    /** Installs a fault and returns its ID. */
    public String addFault(FaultSpec fault) {
        return send("POST", "/control/faults", fault.toJson(JSON)).path("id").asText();
    }

    /** Removes every fault. */
    public void clearFaults() {
        send("DELETE", "/control/faults", null);
    }

    /** Sets how long a write in one data centre takes to reach the other, on the virtual clock. */
    public void setReplicationDelay(Duration delay) {
        send("POST", "/control/replication", JSON.createObjectNode().put("delayMs", delay.toMillis()));
    }

    /** Returns the operation counters of the simulated KV, as JSON. */
    public JsonNode stats() {
        return send("GET", "/control/stats", null);
    }

    private String namespacePath(String suffix) {
        return "/control/namespaces/" + encode(namespaceId) + suffix;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = request(path).method(method, publisher).header("Content-Type", "application/json")
                .build();
        HttpResponse<byte[]> response = expectSuccess(request);
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Control API " + method + " " + path + " returned invalid JSON", e);
        }
    }

    private HttpResponse<byte[]> expectSuccess(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Control API " + request.method() + " " + request.uri()
                        + " failed with HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("Control API " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the control API", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private static StoredEntry toEntry(JsonNode node) {
        JsonNode expiration = node.get("expiration");
        JsonNode metadata = node.get("metadata");
        return new StoredEntry(node.path("name").asText(),
                Base64.getDecoder().decode(node.path("valueBase64").asText("")),
                expiration == null || expiration.isNull() ? Optional.empty()
                        : Optional.of(Instant.ofEpochSecond(expiration.asLong())),
                metadata == null || metadata.isNull() ? Optional.empty()
                        : Optional.of(metadata.isTextual() ? metadata.asText() : metadata.toString()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
