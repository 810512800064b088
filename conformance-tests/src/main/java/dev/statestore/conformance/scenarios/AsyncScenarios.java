package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertErrorType;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.await;
import static dev.statestore.conformance.scenarios.ScenarioChecks.awaitFailure;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous forms return what the blocking forms return, and report errors by completing
 * exceptionally with the same exception types instead of throwing.
 */
public interface AsyncScenarios extends ConformanceScenario {

    @Test
    default void asyncSetThenGetMatchesBlocking() {
        StateStore store = session().store();

        await(store.setAsync(SetRequest.of("async", utf8("a"))));
        Optional<StateItem> item = await(store.getAsync(GetRequest.of("async")));

        assertEquals(store.get("async"), item, "getAsync should return what get returns");
        assertStored(store, "async", utf8("a"));
    }

    @Test
    default void asyncGetOfMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), await(session().store().getAsync(GetRequest.of("never-written"))));
    }

    @Test
    default void asyncDeleteRemovesValue() {
        StateStore store = session().store();
        store.set("async-doomed", utf8("d"));

        await(store.deleteAsync(DeleteRequest.of("async-doomed")));
        await(store.deleteAsync(DeleteRequest.of("never-written")));

        assertAbsent(store, "async-doomed");
    }

    @Test
    default void asyncBulkMatchesBlocking() {
        StateStore store = session().store();
        List<String> keys = List.of("ab1", "missing", "ab2");

        await(store.bulkSetAsync(List.of(SetRequest.of("ab1", utf8("1")), SetRequest.of("ab2", utf8("2"))),
                BulkOptions.DEFAULT));
        List<BulkGetResult> asyncResults = await(store.bulkGetAsync(keys, BulkOptions.DEFAULT));

        assertEquals(store.bulkGet(keys), asyncResults, "bulkGetAsync should return what bulkGet returns");
        assertEquals("1", asyncResults.get(0).item().orElseThrow().valueAsString());
        await(store.bulkDeleteAsync(List.of(DeleteRequest.of("ab1"), DeleteRequest.of("ab2")), BulkOptions.DEFAULT));
        assertAbsent(store, "ab1");
        assertAbsent(store, "ab2");
    }

    @Test
    default void asyncFailureCompletesExceptionally() {
        List<String> rejected = session().target().rejectedKeys();
        Assumptions.assumeFalse(rejected.isEmpty(),
                "skipped: target declares no rejected keys (ConformanceTarget.withRejectedKeys)");
        StateStore store = session().store();
        String bad = rejected.get(0);

        CompletableFuture<Void> set = store.setAsync(SetRequest.of(bad, utf8("v")));
        CompletableFuture<Optional<StateItem>> get = store.getAsync(GetRequest.of(bad));
        CompletableFuture<Void> delete = store.deleteAsync(DeleteRequest.of(bad));

        assertErrorType(InvalidRequestException.class, awaitFailure(set));
        assertErrorType(InvalidRequestException.class, awaitFailure(get));
        assertErrorType(InvalidRequestException.class, awaitFailure(delete));
    }
}
