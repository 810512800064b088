package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertMessage;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.Feature;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.StateStore;
import dev.statestore.conformance.ClockControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Listing keys by prefix, page by page with a cursor. Needs {@link Feature#KEYS_LIKE}. */
public interface KeyListingScenarios extends ConformanceScenario {

    /** Upper bound of pages in one listing, so that a cursor that never ends fails the scenario. */
    int MAX_PAGES = 1000;

    @Test
    default void listKeysReturnsEveryPrefixMatchOnce() {
        session().requireFeature(Feature.KEYS_LIKE);
        StateStore store = session().store();
        Set<String> expected = Set.of("list/a", "list/b", "list/c d", "list/ń?#", "list/sub/e", "list/");
        for (String key : expected) {
            store.set(key, utf8(key));
        }
        store.set("lis", utf8("shorter than the prefix"));
        store.set("other/a", utf8("other prefix"));
        store.set("List/a", utf8("other case"));

        List<String> listed = listAll(store, "list/", 2);

        assertEquals(expected, new HashSet<>(listed), "keys listed for prefix 'list/'");
        assertEquals(expected.size(), listed.size(), () -> "each key should be listed once: " + listed);
    }

    @Test
    default void listKeysPagesRespectLimit() {
        session().requireFeature(Feature.KEYS_LIKE);
        StateStore store = session().store();
        for (int i = 0; i < 7; i++) {
            store.set("page/" + i, utf8("v"));
        }

        KeyPage first = store.listKeys("page/", null, 3);

        assertTrue(first.keys().size() <= 3, () -> "a page of limit 3 contains " + first.keys());
        assertTrue(first.cursor().isPresent(), "a listing of 7 keys with limit 3 should return a cursor");
        assertEquals(7, listAll(store, "page/", 3).size());
    }

    @Test
    default void listKeysOfUnknownPrefixIsEmpty() {
        session().requireFeature(Feature.KEYS_LIKE);
        StateStore store = session().store();
        store.set("known/a", utf8("v"));

        KeyPage page = store.listKeys("unknown/", null, 10);

        assertEquals(List.of(), page.keys());
        assertEquals(Optional.empty(), page.cursor(), "an empty listing has no next page");
    }

    @Test
    default void listKeysOmitsDeletedKeys() {
        session().requireFeature(Feature.KEYS_LIKE);
        StateStore store = session().store();
        store.set("del/a", utf8("v"));
        store.set("del/b", utf8("v"));

        store.delete("del/a");

        assertEquals(List.of("del/b"), listAll(store, "del/", 10));
    }

    @Test
    default void listKeysOmitsExpiredKeys() {
        session().requireFeature(Feature.KEYS_LIKE);
        session().requireFeature(Feature.TTL);
        ClockControl clock = session().requireClock();
        StateStore store = session().store();
        store.set("exp/short", utf8("v"), session().scenarioTtl());
        store.set("exp/kept", utf8("v"));

        clock.advance(session().scenarioTtl().plusSeconds(2));

        assertEquals(List.of("exp/kept"), listAll(store, "exp/", 10));
    }

    @Test
    default void listKeysRejectsInvalidLimit() {
        session().requireFeature(Feature.KEYS_LIKE);
        StateStore store = session().store();

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.listKeys("", null, 0));

        assertMessage(error);
    }

    /** Lists every key with {@code prefix}, following cursors, and checks each page against {@code limit}. */
    private static List<String> listAll(StateStore store, String prefix, int limit) {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            KeyPage result = store.listKeys(prefix, cursor, limit);
            assertTrue(result.keys().size() <= limit,
                    () -> "page of limit " + limit + " contains " + result.keys().size() + " keys");
            keys.addAll(result.keys());
            if (result.cursor().isEmpty()) {
                return keys;
            }
            cursor = result.cursor().get();
        }
        throw new AssertionError("listing of prefix '" + prefix + "' did not end after " + MAX_PAGES + " pages");
    }
}
