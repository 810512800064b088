package dev.statestore.workerskv.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Client of the three Cloudflare API v4 endpoints that a managed Worker needs. Every request carries
 * {@code Authorization: Bearer <token>}; a rejected request throws {@link CloudflareApiException} with
 * Cloudflare's messages, and a transport failure throws {@link IOException}. Neither message nor
 * {@link #toString()} contains the token. Thread-safe.
 *
 * <p>Endpoints, from the API reference at https://developers.cloudflare.com/api/resources/workers/:
 * <ul>
 *   <li>{@code GET /accounts/{account_id}/workers/subdomain} returns {@code {"subdomain": "..."}} ("Get
 *       Subdomain");</li>
 *   <li>{@code PUT /accounts/{account_id}/workers/scripts/{script_name}} with a multipart body uploads the
 *       Worker ("Upload Worker Module");</li>
 *   <li>{@code POST /accounts/{account_id}/workers/scripts/{script_name}/subdomain} with
 *       {@code {"enabled": true}} serves it on workers.dev ("Post Worker subdomain").</li>
 * </ul>
 * All three accept an API token with the permission "Workers Scripts Write" (shown as "Workers Scripts: Edit"
 * when creating a token).
 */
public final class CloudflareApiClient {
    private final HttpClient http;
    private final URI apiUrl;
    private final String accountId;
    private final String apiToken;

    /**
     * @param http the HTTP client
     * @param apiUrl the API base, for example {@code https://api.cloudflare.com/client/v4}, without a trailing slash
     * @param accountId the account ID
     * @param apiToken the API token; never logged
     */
    public CloudflareApiClient(HttpClient http, URI apiUrl, String accountId, String apiToken) {
        this.http = Objects.requireNonNull(http, "http");
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
    }

    /** Returns the account's workers.dev subdomain, {@code example} in {@code name.example.workers.dev}. */
    public String workersSubdomain(Duration timeout) throws IOException, InterruptedException {
        String action = "look up the workers.dev subdomain of account '" + accountId + "'";
        HttpRequest request = request(accountPath("/workers/subdomain"), timeout).GET().build();
        JsonNode result = send(action, request);
        String subdomain = result.path("subdomain").asText("");
        if (subdomain.isBlank()) {
            throw new CloudflareApiException("Cloudflare API request to " + action + " returned no subdomain: "
                    + "register one in the dashboard (Workers & Pages, Subdomain), or set workerUrl.", 200,
                    List.of());
        }
        return subdomain;
    }

    /** Uploads (creates or replaces) the Worker {@code scriptName}. */
    public void uploadScript(String scriptName, WorkerUpload upload, Duration timeout)
            throws IOException, InterruptedException {
        MultipartBody body = upload.toMultipartBody();
        HttpRequest request = request(scriptPath(scriptName, ""), timeout)
                .header("Content-Type", body.contentType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        send("upload worker '" + scriptName + "'", request);
    }

    /** Serves the Worker {@code scriptName} on the account's workers.dev subdomain. */
    public void enableWorkersDev(String scriptName, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = request(scriptPath(scriptName, "/subdomain"), timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
                .build();
        send("enable worker '" + scriptName + "' on workers.dev", request);
    }

    @Override
    public String toString() {
        return "CloudflareApiClient{apiUrl=" + apiUrl + ", accountId='" + accountId + "', apiToken=(redacted)}";
    }

    private JsonNode send(String action, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return ApiEnvelope.result(action, response.statusCode(), response.body());
        } catch (CloudflareApiException e) {
            throw withHint(e);
        }
    }

    private CloudflareApiException withHint(CloudflareApiException e) {
        String message = redact(e.getMessage());
        if (e.status() == 401 || e.status() == 403) {
            message += ". Check cfAPIToken: it must be a valid API token with the permission Workers Scripts: "
                    + "Edit on account '" + accountId + "' (cfAccountID).";
        }
        List<ApiError> errors = e.errors().stream().map(error -> error.redact(apiToken)).toList();
        return new CloudflareApiException(message, e.status(), errors);
    }

    /** Removes the token from text that came from the API, in case a response echoes the request. */
    private String redact(String text) {
        return apiToken.isEmpty() ? text : text.replace(apiToken, "(redacted)");
    }

    private HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + apiToken)
                .header("Accept", "application/json");
    }

    private URI accountPath(String suffix) {
        return URI.create(apiUrl + "/accounts/" + encode(accountId) + suffix);
    }

    private URI scriptPath(String scriptName, String suffix) {
        return accountPath("/workers/scripts/" + encode(scriptName) + suffix);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
