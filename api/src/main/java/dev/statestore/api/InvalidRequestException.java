package dev.statestore.api;

/** A request that no store of this kind can serve: a bad key, TTL, value size or option. Not retryable. */
public class InvalidRequestException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
