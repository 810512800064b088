package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statestore.api.Consistency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.GetRequest;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Single-key set, get and delete, which every store offers. */
public interface ReadWriteScenarios extends ConformanceScenario {

    @Test
    default void setThenGetReturnsValue() {
        StateStore store = session().store();

        store.set("greeting", utf8("hello"));

        assertStored(store, "greeting", utf8("hello"));
    }

    @Test
    default void getOfMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), session().store().get("never-written"));
    }

    @Test
    default void typedGetOfMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), session().store().get("never-written", String.class));
    }

    @Test
    default void overwriteReplacesValue() {
        StateStore store = session().store();
        store.set("counter", utf8("1"));

        store.set("counter", utf8("2"));

        assertStored(store, "counter", utf8("2"));
    }

    @Test
    default void deleteRemovesValue() {
        StateStore store = session().store();
        store.set("doomed", utf8("v"));

        store.delete("doomed");

        assertAbsent(store, "doomed");
    }

    @Test
    default void deleteOfMissingKeySucceeds() {
        StateStore store = session().store();

        store.delete("never-written");

        assertAbsent(store, "never-written");
    }

    @Test
    default void deleteLeavesOtherKeys() {
        StateStore store = session().store();
        store.set("kept", utf8("k"));
        store.set("doomed", utf8("d"));

        store.delete("doomed");

        assertStored(store, "kept", utf8("k"));
        assertAbsent(store, "doomed");
    }

    @Test
    default void setAfterDeleteStoresAgain() {
        StateStore store = session().store();
        store.set("phoenix", utf8("first"));
        store.delete("phoenix");

        store.set("phoenix", utf8("second"));

        assertStored(store, "phoenix", utf8("second"));
    }

    @Test
    default void requestFormsMatchShortForms() {
        StateStore store = session().store();

        store.set(SetRequest.of("by-request", utf8("v")));

        assertEquals(store.get("by-request"), store.get(GetRequest.of("by-request")));
        store.delete(DeleteRequest.of("by-request"));
        assertAbsent(store, "by-request");
    }

    @Test
    default void strongConsistencyReadsOwnWrite() {
        StateStore store = session().store();

        store.set(SetRequest.builder("strong", utf8("s")).consistency(Consistency.STRONG).build());

        Optional<StateItem> item = store.get(GetRequest.of("strong").withConsistency(Consistency.STRONG));
        assertEquals("s", item.map(StateItem::valueAsString).orElse(null), "value read with strong consistency");
    }

    @Test
    default void closedStoreRejectsCalls() {
        StateStore other = session().target().openStore();
        other.close();

        assertThrows(RuntimeException.class, () -> other.get("k"), "get on a closed store");
        assertThrows(RuntimeException.class, () -> other.set("k", utf8("v")), "set on a closed store");
        assertThrows(RuntimeException.class, () -> other.delete("k"), "delete on a closed store");
    }
}
