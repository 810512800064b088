package dev.statestore.api;

/** A write or delete whose ETag no longer matches the stored item, or a first-write on an existing item. */
public class EtagMismatchException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public EtagMismatchException(String message) {
        super(message);
    }
}
