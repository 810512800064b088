package dev.statestore.api;

/** The store could not be reached or reported a temporary failure, and the cause tells which. Retryable. */
public class UnavailableException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
