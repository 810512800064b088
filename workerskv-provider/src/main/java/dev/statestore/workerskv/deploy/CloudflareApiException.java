package dev.statestore.workerskv.deploy;

import dev.statestore.api.StateStoreException;
import java.util.List;

/**
 * A request to the Cloudflare API that the API rejected or responded to in an unexpected form. The message carries
 * Cloudflare's own error messages and codes, and never the API token.
 */
public class CloudflareApiException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    /** HTTP status of the response. */
    private final int status;
    /** Errors from the response's {@code errors} array, empty when the body had none. */
    private final transient List<ApiError> errors;

    public CloudflareApiException(String message, int status, List<ApiError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }

    /** Tells whether the request may succeed later: HTTP 429 and every 5xx. */
    @Override
    public boolean isRetryable() {
        return status == 429 || status >= 500;
    }
}
