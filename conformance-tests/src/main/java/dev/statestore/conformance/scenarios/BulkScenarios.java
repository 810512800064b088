package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bulk set, get and delete. A bulk get returns one result per requested key, in request order, with none
 * dropped: a missing key gives an empty result and a failing key an error of its own.
 */
public interface BulkScenarios extends ConformanceScenario {

    /** More keys than fit in one batch of the Workers KV Worker, which takes at most 128 operations. */
    int MANY_KEYS = 300;

    @Test
    default void bulkSetThenBulkGet() {
        StateStore store = session().store();
        store.bulkSet(List.of(SetRequest.of("b1", utf8("one")), SetRequest.of("b2", utf8("two")),
                SetRequest.of("b3", utf8("three"))));

        List<BulkGetResult> results = store.bulkGet(List.of("b1", "b2", "b3"));

        assertResult(results, 0, "b1", "one");
        assertResult(results, 1, "b2", "two");
        assertResult(results, 2, "b3", "three");
        assertEquals(3, results.size(), "one result per requested key");
    }

    @Test
    default void bulkGetKeepsOrderAndMissingKeys() {
        StateStore store = session().store();
        store.set("present-1", utf8("p1"));
        store.set("present-2", utf8("p2"));

        List<BulkGetResult> results = store.bulkGet(List.of("missing-1", "present-2", "missing-2", "present-1"));

        assertEquals(4, results.size(), "one result per requested key, missing ones included");
        assertMissing(results, 0, "missing-1");
        assertResult(results, 1, "present-2", "p2");
        assertMissing(results, 2, "missing-2");
        assertResult(results, 3, "present-1", "p1");
    }

    @Test
    default void bulkGetKeepsDuplicateKeys() {
        StateStore store = session().store();
        store.set("twice", utf8("t"));

        List<BulkGetResult> results = store.bulkGet(List.of("twice", "absent", "twice", "absent"));

        assertEquals(4, results.size(), "a key requested twice gets two results");
        assertResult(results, 0, "twice", "t");
        assertMissing(results, 1, "absent");
        assertResult(results, 2, "twice", "t");
        assertMissing(results, 3, "absent");
    }

    @Test
    default void bulkGetOfOnlyMissingKeys() {
        List<BulkGetResult> results = session().store().bulkGet(List.of("none-1", "none-2"));

        assertEquals(2, results.size(), "one result per requested key");
        assertMissing(results, 0, "none-1");
        assertMissing(results, 1, "none-2");
    }

    @Test
    default void emptyBulkGetReturnsNoResults() {
        assertEquals(List.of(), session().store().bulkGet(List.of()));
    }

    @Test
    default void emptyBulkSetAndDeleteSucceed() {
        StateStore store = session().store();
        store.set("untouched", utf8("u"));

        store.bulkSet(List.of());
        store.bulkDelete(List.of());

        assertStored(store, "untouched", utf8("u"));
    }

    @Test
    default void bulkDeleteRemovesKeysAndIgnoresMissing() {
        StateStore store = session().store();
        store.bulkSet(List.of(SetRequest.of("d1", utf8("1")), SetRequest.of("d2", utf8("2")),
                SetRequest.of("kept", utf8("k"))));

        store.bulkDelete(List.of(DeleteRequest.of("d1"), DeleteRequest.of("never-written"), DeleteRequest.of("d2")));

        assertAbsent(store, "d1");
        assertAbsent(store, "d2");
        assertStored(store, "kept", utf8("k"));
    }

    @Test
    default void bulkOfManyKeysKeepsOrder() {
        StateStore store = session().store();
        List<SetRequest> writes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < MANY_KEYS; i++) {
            keys.add("many/" + i);
            if (i % 3 != 0) {
                writes.add(SetRequest.of("many/" + i, utf8("value " + i)));
            }
        }
        store.bulkSet(writes);

        List<BulkGetResult> results = store.bulkGet(keys);

        assertEquals(MANY_KEYS, results.size(), "one result per requested key");
        for (int i = 0; i < MANY_KEYS; i++) {
            if (i % 3 == 0) {
                assertMissing(results, i, "many/" + i);
            } else {
                assertResult(results, i, "many/" + i, "value " + i);
            }
        }
        List<DeleteRequest> deletes = new ArrayList<>();
        keys.forEach(key -> deletes.add(DeleteRequest.of(key)));
        store.bulkDelete(deletes);
        assertTrue(store.bulkGet(keys).stream().allMatch(result -> result.item().isEmpty()),
                "every key should be gone after the bulk delete");
    }

    @Test
    default void bulkWithParallelismOneMatchesDefault() {
        StateStore store = session().store();
        BulkOptions sequential = new BulkOptions(1);
        store.bulkSet(List.of(SetRequest.of("s1", utf8("1")), SetRequest.of("s2", utf8("2"))), sequential);

        List<BulkGetResult> results = store.bulkGet(List.of("s1", "gone", "s2"), sequential);

        assertResult(results, 0, "s1", "1");
        assertMissing(results, 1, "gone");
        assertResult(results, 2, "s2", "2");
        store.bulkDelete(List.of(DeleteRequest.of("s1"), DeleteRequest.of("s2")), sequential);
        assertAbsent(store, "s1");
        assertAbsent(store, "s2");
    }

    @Test
    default void bulkGetReportsRejectedKeyAlone() {
        List<String> rejected = session().target().rejectedKeys();
        Assumptions.assumeFalse(rejected.isEmpty(),
                "skipped: target declares no rejected keys (ConformanceTarget.withRejectedKeys)");
        StateStore store = session().store();
        store.set("good", utf8("g"));
        String bad = rejected.get(0);

        List<BulkGetResult> results = store.bulkGet(List.of("good", bad, "missing"));

        assertEquals(3, results.size(), "one result per requested key");
        assertResult(results, 0, "good", "g");
        assertEquals(bad, results.get(1).key(), "key of the failed result");
        assertTrue(results.get(1).error().orElse(null) instanceof InvalidRequestException,
                () -> "the rejected key's result should carry an InvalidRequestException, but has "
                        + results.get(1).error() + " and item " + results.get(1).item());
        assertMissing(results, 2, "missing");
    }

    private static void assertResult(List<BulkGetResult> results, int index, String key, String value) {
        BulkGetResult result = results.get(index);
        assertEquals(key, result.key(), "key of result " + index);
        assertEquals(Optional.empty(), result.error(), "error of result " + index);
        assertTrue(result.item().isPresent(), () -> "result " + index + " (" + key + ") should hold an item");
        assertArrayEquals(utf8(value), result.item().get().value(), "value of result " + index);
        assertEquals(key, result.item().get().key(), "key of the item of result " + index);
    }

    private static void assertMissing(List<BulkGetResult> results, int index, String key) {
        BulkGetResult result = results.get(index);
        assertEquals(key, result.key(), "key of result " + index);
        assertFalse(result.item().isPresent(), () -> "result " + index + " (" + key + ") should be empty");
        assertEquals(Optional.empty(), result.error(), "error of result " + index);
    }
}
