package dev.statestore.conformance.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.conformance.ManualClock;
import dev.statestore.spi.memory.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRunTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void clockStepNearExpiryIsLengthened() {
        ManualClock clock = new ManualClock(START);
        InMemoryStateStore store = new InMemoryStateStore(clock);

        new ModelRun(store, store.features(), clock).run(List.of(
                new Operation.SetValue("a", "v", Duration.ofSeconds(60)),
                new Operation.AdvanceClock(Duration.ofSeconds(55))));

        assertEquals(START.plus(Duration.ofSeconds(60)).plus(ModelRun.EXPIRY_GUARD), clock.instant(),
                "a step that would end 5 s before the expiry should end the guard after it");
        assertEquals(Optional.empty(), store.get("a"));
    }

    @Test
    void clockStepAwayFromExpiryIsKept() {
        ManualClock clock = new ManualClock(START);
        InMemoryStateStore store = new InMemoryStateStore(clock);

        new ModelRun(store, store.features(), clock).run(List.of(
                new Operation.SetValue("a", "v", Duration.ofSeconds(60)),
                new Operation.AdvanceClock(Duration.ofSeconds(30))));

        assertEquals(START.plusSeconds(30), clock.instant());
    }

    @Test
    void disagreementNamesStep() {
        StateStore forgetful = new ForgetfulStore();

        AssertionError error = assertThrows(AssertionError.class, () -> new ModelRun(forgetful, Set.of(), null)
                .run(List.of(new Operation.GetValue("a"), new Operation.SetValue("b c", "v", null))));

        assertTrue(error.getMessage().startsWith("Store and model disagree after step 2 set('b c', 'v'): get of "
                + "'b c' returned nothing, but the model has 'v'"), error.getMessage());
    }

    /** A store that accepts every write and discards it. */
    private static final class ForgetfulStore implements StateStore {
        @Override
        public Optional<StateItem> get(GetRequest request) {
            return Optional.empty();
        }

        @Override
        public void set(SetRequest request) {
        }

        @Override
        public void delete(DeleteRequest request) {
        }

        @Override
        public Set<Feature> features() {
            return Set.of();
        }

        @Override
        public void close() {
        }
    }
}
