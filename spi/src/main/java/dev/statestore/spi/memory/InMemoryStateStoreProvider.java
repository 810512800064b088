package dev.statestore.spi.memory;

import com.google.auto.service.AutoService;
import dev.statestore.spi.Component;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.MetadataField;
import dev.statestore.spi.StateStoreProvider;
import java.time.Clock;
import java.util.List;

/** Provider of {@code state.in-memory}: a process-local store with every feature, for tests and local runs. */
@AutoService(StateStoreProvider.class)
public final class InMemoryStateStoreProvider implements StateStoreProvider {
    public static final String TYPE = "state.in-memory";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<MetadataField> metadataFields() {
        return List.of();
    }

    @Override
    public InMemoryStateStore create(Component component) {
        for (String field : component.metadata().keySet()) {
            throw new InvalidComponentException("Unknown metadata '" + field + "' for " + TYPE + " in "
                    + component.origin() + ": this provider takes no metadata besides keyPrefix and appID; remove it.");
        }
        return new InMemoryStateStore(Clock.systemUTC());
    }
}
