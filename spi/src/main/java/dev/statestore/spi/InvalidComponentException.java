package dev.statestore.spi;

import dev.statestore.api.StateStoreException;

/** A component file or component metadata that cannot be used; the message names the field and the fix. */
public class InvalidComponentException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    public InvalidComponentException(String message) {
        super(message);
    }

    public InvalidComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
