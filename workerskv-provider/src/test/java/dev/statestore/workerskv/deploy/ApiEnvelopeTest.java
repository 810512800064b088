package dev.statestore.workerskv.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiEnvelopeTest {

    @Test
    void successReturnsResult() {
        JsonNode result = ApiEnvelope.result("look up", 200,
                bytes("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"subdomain\":\"example\"}}"));

        assertEquals("example", result.path("subdomain").asText());
    }

    @Test
    void successWithoutResultIsMissing() {
        JsonNode result = ApiEnvelope.result("enable", 200, bytes("{\"success\":true,\"errors\":[]}"));

        assertTrue(result.isMissingNode());
    }

    @Test
    void errorsBecomeMessageAndList() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result(
                "upload worker 'w'", 401, bytes("{\"success\":false,\"errors\":[{\"code\":10000,"
                        + "\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}")));

        assertEquals("Cloudflare API request to upload worker 'w' failed with HTTP 401: Authentication error "
                + "(code 10000)", error.getMessage());
        assertEquals(401, error.status());
        assertEquals(List.of(new ApiError(10000, "Authentication error", List.of())), error.errors());
        assertFalse(error.isRetryable());
    }

    @Test
    void errorChainIsReported() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result("x", 400,
                bytes("{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid request headers\","
                        + "\"error_chain\":[{\"code\":6111,\"message\":\"Invalid format for Authorization header\"}]}]}")));

        assertTrue(error.getMessage().endsWith("Invalid request headers (code 6003), caused by: Invalid format for "
                + "Authorization header (code 6111)"), error.getMessage());
    }

    @Test
    void severalErrorsAreJoined() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result("x", 404,
                bytes("{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route\"},"
                        + "{\"code\":7000,\"message\":\"No route for that URI\"}]}")));

        assertTrue(error.getMessage().endsWith("Could not route (code 7003); No route for that URI (code 7000)"),
                error.getMessage());
        assertEquals(2, error.errors().size());
    }

    @Test
    void serverErrorIsRetryable() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result("x", 503,
                bytes("{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"unavailable\"}]}")));

        assertTrue(error.isRetryable());
    }

    @Test
    void rateLimitIsRetryable() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result("x", 429,
                bytes("{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait\"}]}")));

        assertTrue(error.isRetryable());
    }

    @Test
    void nonJsonBodyIsQuoted() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class, () -> ApiEnvelope.result("x", 502,
                bytes("<html>\n<body>Bad gateway</body>\n</html>")));

        assertTrue(error.getMessage().contains("HTTP 502"), error.getMessage());
        assertTrue(error.getMessage().contains("<html> <body>Bad gateway</body> </html>"), error.getMessage());
        assertTrue(error.isRetryable());
    }

    @Test
    void emptyBodyIsNamed() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> ApiEnvelope.result("x", 500, new byte[0]));

        assertTrue(error.getMessage().contains("(empty)"), error.getMessage());
    }

    @Test
    void longBodyIsCut() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> ApiEnvelope.result("x", 500, bytes("y".repeat(5000))));

        assertTrue(error.getMessage().length() < 400, error.getMessage());
        assertTrue(error.getMessage().endsWith("..."), error.getMessage());
    }

    @Test
    void failureWithoutErrorsSaysSo() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> ApiEnvelope.result("x", 400, bytes("{\"success\":false,\"errors\":[]}")));

        assertTrue(error.getMessage().endsWith("the response has no error details"), error.getMessage());
    }

    @Test
    void successFlagWithErrorStatusFails() {
        CloudflareApiException error = assertThrows(CloudflareApiException.class,
                () -> ApiEnvelope.result("x", 500, bytes("{\"success\":true,\"result\":{}}")));

        assertEquals(500, error.status());
    }

    @Test
    void okStatusWithoutSuccessFails() {
        assertThrows(CloudflareApiException.class,
                () -> ApiEnvelope.result("x", 200, bytes("{\"result\":{\"subdomain\":\"a\"}}")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
