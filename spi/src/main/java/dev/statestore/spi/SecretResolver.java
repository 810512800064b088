package dev.statestore.spi;

import java.util.Optional;

/**
 * Resolves a {@code secretKeyRef} of a component file. Implementations are found with
 * {@link java.util.ServiceLoader} and asked in turn; the first that returns a value wins.
 */
public interface SecretResolver {

    /**
     * Returns the secret, or empty when this resolver does not have it.
     *
     * @param secretStore the {@code auth.secretStore} of the component, or {@code null} when unset
     * @param name the {@code secretKeyRef.name}
     * @param key the {@code secretKeyRef.key}, or {@code null} when unset
     */
    Optional<String> resolve(String secretStore, String name, String key);
}
