package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.EtagMismatchException;
import dev.statestore.api.Feature;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Transactions: sets and deletes applied in list order, all or none. Needs {@link Feature#TRANSACTIONAL}. */
public interface TransactionScenarios extends ConformanceScenario {

    @Test
    default void transactionAppliesSetsAndDeletes() {
        session().requireFeature(Feature.TRANSACTIONAL);
        StateStore store = session().store();
        store.set("t-old", utf8("old"));
        store.set("t-changed", utf8("before"));

        store.transact(List.of(set("t-new", "new"), delete("t-old"), set("t-changed", "after"),
                delete("t-never-written")));

        assertStored(store, "t-new", utf8("new"));
        assertAbsent(store, "t-old");
        assertStored(store, "t-changed", utf8("after"));
        assertAbsent(store, "t-never-written");
    }

    @Test
    default void transactionAppliesStepsInOrder() {
        session().requireFeature(Feature.TRANSACTIONAL);
        StateStore store = session().store();

        store.transact(List.of(set("order-a", "1"), delete("order-a"), set("order-a", "2")));
        store.transact(List.of(set("order-b", "1"), set("order-b", "2"), delete("order-b")));
        store.transact(List.of(set("order-c", "1"), set("order-c", "2"), set("order-c", "3")));

        assertStored(store, "order-a", utf8("2"));
        assertAbsent(store, "order-b");
        assertStored(store, "order-c", utf8("3"));
    }

    @Test
    default void emptyTransactionChangesNothing() {
        session().requireFeature(Feature.TRANSACTIONAL);
        StateStore store = session().store();
        store.set("steady", utf8("s"));

        store.transact(List.of());

        assertStored(store, "steady", utf8("s"));
    }

    @Test
    default void transactionWithStaleEtagAppliesNothing() {
        session().requireFeature(Feature.TRANSACTIONAL);
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));
        String staleEtag = store.get("guarded").flatMap(StateItem::etag).orElseThrow();
        store.set("guarded", utf8("v2"));
        store.set("bystander", utf8("before"));

        assertThrows(EtagMismatchException.class, () -> store.transact(List.of(set("bystander", "after"),
                set("fresh", "f"), TransactionOperation.set(SetRequest.builder("guarded", utf8("v3"))
                        .etag(staleEtag).build()))));

        assertStored(store, "bystander", utf8("before"));
        assertAbsent(store, "fresh");
        assertStored(store, "guarded", utf8("v2"));
    }

    @Test
    default void transactionWithRejectedKeyAppliesNothing() {
        session().requireFeature(Feature.TRANSACTIONAL);
        List<String> rejected = session().target().rejectedKeys();
        Assumptions.assumeFalse(rejected.isEmpty(),
                "skipped: target declares no rejected keys (ConformanceTarget.withRejectedKeys)");
        StateStore store = session().store();
        store.set("bystander", utf8("before"));

        assertThrows(InvalidRequestException.class, () -> store.transact(List.of(set("bystander", "after"),
                delete("bystander"), set(rejected.get(0), "never"))));

        assertStored(store, "bystander", utf8("before"));
    }

    @Test
    default void firstWriteAfterDeleteInTransaction() {
        session().requireFeature(Feature.TRANSACTIONAL);
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("recreated", utf8("old"));

        store.transact(List.of(delete("recreated"), TransactionOperation.set(SetRequest.builder("recreated",
                utf8("new")).concurrency(Concurrency.FIRST_WRITE).build())));

        assertStored(store, "recreated", utf8("new"));
    }

    private static TransactionOperation set(String key, String value) {
        return TransactionOperation.set(SetRequest.of(key, utf8(value)));
    }

    private static TransactionOperation delete(String key) {
        return TransactionOperation.delete(DeleteRequest.of(key));
    }
}
