package dev.statestore.spi;

import dev.statestore.api.StateStore;
import java.util.List;
import java.util.Set;

/**
 * A factory of state stores of one component type, found with {@link java.util.ServiceLoader}. Register an
 * implementation with {@code @AutoService(StateStoreProvider.class)} or a
 * {@code META-INF/services/dev.statestore.spi.StateStoreProvider} file. Implementations need a public
 * no-argument constructor and must be thread-safe.
 */
public interface StateStoreProvider {

    /** Component type this provider serves, for example {@code state.cloudflare.workerskv}. */
    String type();

    /** Component versions this provider accepts, for example {@code v1}. */
    default Set<String> versions() {
        return Set.of("v1");
    }

    /** Metadata fields the provider reads, used for documentation and for redacting sensitive values. */
    default List<MetadataField> metadataFields() {
        return List.of();
    }

    /**
     * Creates a store for a component. Validates the metadata before any network call and throws
     * {@link InvalidComponentException} naming the field and the fix when it is wrong.
     */
    StateStore create(Component component);
}
