package dev.statestore.harness.cloudflare;

/**
 * An error response of the fake API, sent as Cloudflare sends errors: the HTTP status and
 * {@code {"success": false, "errors": [{"code": ..., "message": ...}], "messages": [], "result": null}}.
 *
 * <p>Codes 10000 ("Authentication error"), 9106 (missing credentials) and 7000 ("No route for that URI") are the
 * codes Cloudflare documents for those cases. The fake uses 10021 for every rejected upload, the code real
 * uploads return for a metadata part that cannot be read. NOTE: 10007 for an unknown Worker and 10013 for a
 * failure of the fake itself are the fake's choices, not documented codes.
 */
final class ApiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int AUTHENTICATION_ERROR = 10000;
    static final int MISSING_CREDENTIALS = 9106;
    static final int NO_ROUTE = 7000;
    static final int INVALID_UPLOAD = 10021;
    static final int WORKER_NOT_FOUND = 10007;
    static final int INTERNAL_ERROR = 10013;

    private final int status;
    private final int code;

    ApiFailure(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    static ApiFailure invalidUpload(String message) {
        return new ApiFailure(400, INVALID_UPLOAD, message);
    }
}
