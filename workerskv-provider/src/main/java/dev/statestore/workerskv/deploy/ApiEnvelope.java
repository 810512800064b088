package dev.statestore.workerskv.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the envelope every Cloudflare API v4 response shares: {@code {"success": true, "errors": [],
 * "messages": [], "result": ...}}, or {@code "success": false} with {@code errors} entries of
 * {@code {"code", "message"}}. Source: the response schema of "Post Worker subdomain" in the API reference,
 * https://developers.cloudflare.com/api/resources/workers/subresources/scripts/subresources/subdomain/methods/create/.
 * Some errors also carry an {@code error_chain} of the same shape (for example code 6003 "Invalid request
 * headers" caused by 6111 "Invalid format for Authorization header"), which is reported as the cause.
 */
final class ApiEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Maximum length of the excerpt of a non-JSON body that goes into a message. */
    private static final int BODY_EXCERPT_CHARS = 200;

    private ApiEnvelope() {
    }

    /**
     * Returns the {@code result} of a successful response (a missing node when it has none), or throws
     * {@link CloudflareApiException} with Cloudflare's errors.
     *
     * @param action what the request does, for the message, for example {@code upload worker 'orders-kv'}
     * @param status the HTTP status
     * @param body the response body
     */
    static JsonNode result(String action, int status, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new CloudflareApiException("Cloudflare API request to " + action + " failed: HTTP " + status
                    + " with a body that is not a Cloudflare API response: " + excerpt(body), status, List.of());
        }

        List<ApiError> errors = errors(root.path("errors"));
        boolean success = root.path("success").asBoolean(false);
        if (success && status >= 200 && status < 300) {
            return root.has("result") ? root.get("result") : MissingNode.getInstance();
        }
        String reasons = errors.isEmpty()
                ? "the response has no error details"
                : errors.stream().map(ApiError::describe).collect(Collectors.joining("; "));
        throw new CloudflareApiException("Cloudflare API request to " + action + " failed with HTTP " + status
                + ": " + reasons, status, errors);
    }

    private static List<ApiError> errors(JsonNode array) {
        List<ApiError> errors = new ArrayList<>();
        if (!array.isArray()) {
            return errors;
        }
        for (JsonNode entry : array) {
            if (entry.isTextual()) {
                errors.add(new ApiError(0, entry.asText(), List.of()));
            } else {
                errors.add(new ApiError(entry.path("code").asInt(0), entry.path("message").asText(""),
                        errors(entry.path("error_chain"))));
            }
        }
        return errors;
    }

    private static String excerpt(byte[] body) {
        if (body.length == 0) {
            return "(empty)";
        }
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= BODY_EXCERPT_CHARS ? text : text.substring(0, BODY_EXCERPT_CHARS) + "...";
    }
}
