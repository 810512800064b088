package dev.statestore.spi;

import dev.statestore.api.StateStore;

/** One of two providers that claim the same component type, to test how discovery reports the clash. */
public final class FirstDuplicateTypeProvider implements StateStoreProvider {
    static final String TYPE = "state.test-duplicate";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StateStore create(Component component) {
        throw new AssertionError("A provider of a duplicated type must never be asked to create a store");
    }
}
