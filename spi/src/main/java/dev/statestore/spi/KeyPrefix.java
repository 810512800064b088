package dev.statestore.spi;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code keyPrefix} component metadata of Dapr, applied by {@link StateStores} around any provider so that
 * applications can share one store: {@code appid} prefixes keys with {@code <appID>||}, {@code name} with
 * {@code <component name>||}, {@code none} leaves them as they are, and any other value is a custom prefix
 * followed by {@code ||}. Dapr defaults to {@code appid} because every Dapr application has an app ID; here the default is
 * {@code none}.
 */
public final class KeyPrefix {
    public static final String KEY_PREFIX = "keyPrefix";
    public static final String APP_ID = "appID";
    static final String SEPARATOR = "||";

    private KeyPrefix() {
    }

    /** Returns the prefix the component sets, with its separator, or empty for none. */
    public static Optional<String> of(Component component) {
        Map<String, String> metadata = component.metadata();
        String mode = metadata.getOrDefault(KEY_PREFIX, "none").trim();
        switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "", "none":
                return Optional.empty();
            case "appid":
                String appId = metadata.getOrDefault(APP_ID, "").trim();
                if (appId.isEmpty()) {
                    throw new InvalidComponentException("Metadata keyPrefix 'appid' in " + component.origin()
                            + " needs the application's ID: add metadata appID, for example 'orders'.");
                }
                checkPart(component, APP_ID, appId);
                return Optional.of(appId + SEPARATOR);
            case "name":
                return Optional.of(component.name() + SEPARATOR);
            default:
                checkPart(component, KEY_PREFIX, mode);
                return Optional.of(mode + SEPARATOR);
        }
    }

    private static void checkPart(Component component, String field, String value) {
        if (value.contains(SEPARATOR)) {
            throw new InvalidComponentException("Invalid " + field + " '" + value + "' in " + component.origin()
                    + ": it must not contain '" + SEPARATOR + "', which separates the prefix from the key.");
        }
    }
}
