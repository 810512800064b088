package dev.statestore.api;

/** A request that needs a {@link Feature} the store does not offer; the store ignored nothing. */
public class UnsupportedFeatureException extends StateStoreException {
    private static final long serialVersionUID = 1L;

    private final Feature feature;

    public UnsupportedFeatureException(Feature feature, String message) {
        super(message);
        this.feature = feature;
    }

    public Feature feature() {
        return feature;
    }
}
