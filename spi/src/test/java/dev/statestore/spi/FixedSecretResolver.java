package dev.statestore.spi;

import java.util.Map;
import java.util.Optional;

/** A secret resolver registered through ServiceLoader for the tests, so that component files can use secretKeyRef. */
public final class FixedSecretResolver implements SecretResolver {
    static final Map<String, String> SECRETS = Map.of("ORDERS_APP_ID", "orders");

    @Override
    public Optional<String> resolve(String secretStore, String name, String key) {
        return Optional.ofNullable(SECRETS.get(key == null ? name : key));
    }
}
