package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.Feature;
import dev.statestore.api.StateStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deleting every key that starts with a prefix. Needs {@link Feature#DELETE_WITH_PREFIX}. */
public interface PrefixDeleteScenarios extends ConformanceScenario {

    @Test
    default void deleteWithPrefixRemovesMatches() {
        session().requireFeature(Feature.DELETE_WITH_PREFIX);
        StateStore store = session().store();
        List<String> matching = List.of("app||a", "app||b c", "app||ń/d", "app||");
        List<String> untouched = List.of("app|", "app", "apq||a", "other||app||a", "APP||a");
        for (String key : matching) {
            store.set(key, utf8(key));
        }
        for (String key : untouched) {
            store.set(key, utf8(key));
        }

        long deleted = store.deleteWithPrefix("app||");

        assertEquals(matching.size(), deleted, "number of deleted keys");
        for (String key : matching) {
            assertAbsent(store, key);
        }
        for (String key : untouched) {
            assertStored(store, key, utf8(key));
        }
    }

    @Test
    default void deleteWithUnknownPrefixDeletesNothing() {
        session().requireFeature(Feature.DELETE_WITH_PREFIX);
        StateStore store = session().store();
        store.set("known/a", utf8("v"));

        long deleted = store.deleteWithPrefix("unknown/");

        assertEquals(0, deleted, "number of deleted keys");
        assertStored(store, "known/a", utf8("v"));
    }

    @Test
    default void deleteWithPrefixReachesEveryContinuation() {
        session().requireFeature(Feature.DELETE_WITH_PREFIX);
        StateStore store = session().store();
        List<String> matching = List.of("top/\uFFFF", "top/\uFFFF/x", "top/\uFFFF\uFFFF", "top/\uD83D\uDE00");
        for (String key : matching) {
            store.set(key, utf8("v"));
        }
        store.set("top\uFFFF", utf8("untouched"));

        long deleted = store.deleteWithPrefix("top/");

        assertEquals(matching.size(), deleted, "number of deleted keys");
        for (String key : matching) {
            assertAbsent(store, key);
        }
        assertStored(store, "top\uFFFF", utf8("untouched"));
    }
}
