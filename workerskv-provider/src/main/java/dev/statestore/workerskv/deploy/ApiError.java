package dev.statestore.workerskv.deploy;

import java.util.List;

/**
 * One entry of the {@code errors} array of a Cloudflare API v4 response, with its {@code error_chain}.
 *
 * @param code Cloudflare's numeric error code, or 0 when the entry has none
 * @param message Cloudflare's message
 * @param chain the errors that caused this one, outermost first
 */
public record ApiError(int code, String message, List<ApiError> chain) {

    public ApiError {
        chain = List.copyOf(chain);
    }

    /** Returns a copy with every occurrence of {@code secret} in the messages replaced by {@code (redacted)}. */
    public ApiError redact(String secret) {
        if (secret.isEmpty()) {
            return this;
        }
        return new ApiError(code, message.replace(secret, "(redacted)"),
                chain.stream().map(cause -> cause.redact(secret)).toList());
    }

    /** Formats the error as {@code message (code N)}, followed by its causes. */
    public String describe() {
        StringBuilder text = new StringBuilder(message.isBlank() ? "(no message)" : message.strip());
        if (code != 0) {
            text.append(" (code ").append(code).append(')');
        }
        for (ApiError cause : chain) {
            text.append(", caused by: ").append(cause.describe());
        }
        return text.toString();
    }
}
