package dev.statestore.api;

/** An ETag that is not in the form the store issues. */
public class InvalidEtagException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidEtagException(String message) {
        super(message);
    }
}
