package dev.statestore.api;

/**
 * A request that did not complete within its deadline. A write that timed out may still have been applied,
 * so read the key back before assuming either outcome. Retryable.
 */
public class TimedOutException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public TimedOutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
