package dev.statestore.api;

/** Base of every error a state store reports. Messages name the key or field and the fix. */
public class StateStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Tells whether the same request may succeed when sent again later. */
    public boolean isRetryable() {
        return false;
    }
}
