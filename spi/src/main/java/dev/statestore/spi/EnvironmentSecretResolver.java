package dev.statestore.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code secretKeyRef} from environment variables, like Dapr's {@code secretstores.local.env}: the
 * variable named by {@code key} when set, else the one named by {@code name}.
 */
public final class EnvironmentSecretResolver implements SecretResolver {
    private final Map<String, String> environment;

    public EnvironmentSecretResolver() {
        this(System.getenv());
    }

    EnvironmentSecretResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> resolve(String secretStore, String name, String key) {
        if (key != null && environment.containsKey(key)) {
            return Optional.of(environment.get(key));
        }
        return Optional.ofNullable(environment.get(name));
    }
}
