package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertErrorType;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertUnsupported;
import static dev.statestore.conformance.scenarios.ScenarioChecks.awaitFailure;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.api.TransactionOperation;
import dev.statestore.api.UnsupportedFeatureException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request that needs a feature the store does not declare fails with {@link UnsupportedFeatureException}
 * naming that feature, and changes nothing. Each scenario is skipped for stores that declare its feature.
 */
public interface UnsupportedFeatureScenarios extends ConformanceScenario {

    @Test
    default void etagWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.ETAG);
        StateStore store = session().store();
        store.set("existing", utf8("v"));

        assertUnsupported(Feature.ETAG, () -> store.set(SetRequest.builder("new", utf8("v")).etag("1").build()));
        assertUnsupported(Feature.ETAG, () -> store.set(SetRequest.builder("existing", utf8("changed"))
                .etag("1").build()));
        assertUnsupported(Feature.ETAG, () -> store.delete(DeleteRequest.of("existing").withEtag("1")));

        assertAbsent(store, "new");
        assertStored(store, "existing", utf8("v"));
    }

    @Test
    default void firstWriteWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.ETAG);
        StateStore store = session().store();
        store.set("existing", utf8("v"));

        assertUnsupported(Feature.ETAG, () -> store.set(SetRequest.builder("new", utf8("v"))
                .concurrency(Concurrency.FIRST_WRITE).build()));
        assertUnsupported(Feature.ETAG, () -> store.delete(DeleteRequest.of("existing")
                .withConcurrency(Concurrency.FIRST_WRITE)));

        assertAbsent(store, "new");
        assertStored(store, "existing", utf8("v"));
    }

    @Test
    default void asyncEtagWithoutFeatureFails() {
        session().requireFeatureAbsent(Feature.ETAG);
        StateStore store = session().store();

        Throwable error = awaitFailure(store.setAsync(SetRequest.builder("new", utf8("v")).etag("1").build()));

        assertEquals(Feature.ETAG, assertErrorType(UnsupportedFeatureException.class, error).feature());
        assertAbsent(store, "new");
    }

    @Test
    default void transactionWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.TRANSACTIONAL);
        StateStore store = session().store();
        store.set("existing", utf8("v"));

        assertUnsupported(Feature.TRANSACTIONAL, () -> store.transact(List.of(
                TransactionOperation.set(SetRequest.of("new", utf8("v"))),
                TransactionOperation.delete(DeleteRequest.of("existing")))));

        assertAbsent(store, "new");
        assertStored(store, "existing", utf8("v"));
    }

    @Test
    default void ttlWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.TTL);
        StateStore store = session().store();

        assertUnsupported(Feature.TTL, () -> store.set("new", utf8("v"), Duration.ofHours(1)));
        assertUnsupported(Feature.TTL, () -> store.set(SetRequest.builder("new", utf8("v"))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, "3600")).build()));

        assertAbsent(store, "new");
    }

    @Test
    default void listKeysWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.KEYS_LIKE);
        StateStore store = session().store();

        assertUnsupported(Feature.KEYS_LIKE, () -> store.listKeys("", null, 10));
    }

    @Test
    default void deleteWithPrefixWithoutFeatureIsRejected() {
        session().requireFeatureAbsent(Feature.DELETE_WITH_PREFIX);
        StateStore store = session().store();
        store.set("prefix/a", utf8("v"));

        assertUnsupported(Feature.DELETE_WITH_PREFIX, () -> store.deleteWithPrefix("prefix/"));

        assertStored(store, "prefix/a", utf8("v"));
    }
}
