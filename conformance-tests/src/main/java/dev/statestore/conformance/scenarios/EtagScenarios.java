package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertMessage;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.EtagMismatchException;
import dev.statestore.api.Feature;
import dev.statestore.api.InvalidEtagException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: ETags, conditional writes and deletes, and first-write. Needs {@link Feature#ETAG}.
 */
public interface EtagScenarios extends ConformanceScenario {

    /** Writers that race in the concurrency scenarios. */
    int RACING_WRITERS = 8;

    @Test
    default void getReturnsEtag() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("tagged", utf8("v"));

        String etag = etagOf(store, "tagged");

        assertFalse(etag.isBlank(), "ETag should not be blank");
    }

    @Test
    default void bulkGetReturnsEtags() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("tagged-1", utf8("1"));
        store.set("tagged-2", utf8("2"));

        List<BulkGetResult> results = store.bulkGet(List.of("tagged-1", "tagged-2"));

        assertEquals(etagOf(store, "tagged-1"), results.get(0).item().orElseThrow().etag().orElse(null));
        assertEquals(etagOf(store, "tagged-2"), results.get(1).item().orElseThrow().etag().orElse(null));
    }

    @Test
    default void writeChangesEtag() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("versioned", utf8("v1"));
        String first = etagOf(store, "versioned");

        store.set("versioned", utf8("v2"));

        assertNotEquals(first, etagOf(store, "versioned"), "a write should give the item a new ETag");
    }

    @Test
    default void setWithMatchingEtagSucceeds() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));
        String etag = etagOf(store, "guarded");

        store.set(SetRequest.builder("guarded", utf8("v2")).etag(etag).build());

        assertStored(store, "guarded", utf8("v2"));
        assertNotEquals(etag, etagOf(store, "guarded"), "a conditional write should give the item a new ETag");
    }

    @Test
    default void setWithStaleEtagFails() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));
        String stale = etagOf(store, "guarded");
        store.set("guarded", utf8("v2"));

        EtagMismatchException error = assertThrows(EtagMismatchException.class,
                () -> store.set(SetRequest.builder("guarded", utf8("v3")).etag(stale).build()));

        assertMessage(error);
        assertStored(store, "guarded", utf8("v2"));
    }

    @Test
    default void setWithEtagOfDeletedItemFails() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("gone", utf8("v1"));
        String etag = etagOf(store, "gone");
        store.delete("gone");

        assertThrows(EtagMismatchException.class,
                () -> store.set(SetRequest.builder("gone", utf8("v2")).etag(etag).build()));

        assertAbsent(store, "gone");
    }

    @Test
    default void deleteWithStaleEtagFails() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));
        String stale = etagOf(store, "guarded");
        store.set("guarded", utf8("v2"));

        assertThrows(EtagMismatchException.class, () -> store.delete(DeleteRequest.of("guarded").withEtag(stale)));

        assertStored(store, "guarded", utf8("v2"));
    }

    @Test
    default void deleteWithMatchingEtagSucceeds() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));

        store.delete(DeleteRequest.of("guarded").withEtag(etagOf(store, "guarded")));

        assertAbsent(store, "guarded");
    }

    @Test
    default void malformedEtagFailsAsInvalid() {
        session().requireFeature(Feature.ETAG);
        String malformed = session().target().malformedEtag().orElse(null);
        Assumptions.assumeTrue(malformed != null,
                "skipped: target declares no malformed ETag (ConformanceTarget.withMalformedEtag)");
        StateStore store = session().store();
        store.set("guarded", utf8("v1"));

        InvalidEtagException setError = assertThrows(InvalidEtagException.class,
                () -> store.set(SetRequest.builder("guarded", utf8("v2")).etag(malformed).build()));
        InvalidEtagException deleteError = assertThrows(InvalidEtagException.class,
                () -> store.delete(DeleteRequest.of("guarded").withEtag(malformed)));

        assertMessage(setError);
        assertMessage(deleteError);
        assertStored(store, "guarded", utf8("v1"));
    }

    @Test
    default void firstWriteCreatesOnlyOnce() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();

        store.set(firstWrite("once", "first"));
        EtagMismatchException error = assertThrows(EtagMismatchException.class,
                () -> store.set(firstWrite("once", "second")));

        assertMessage(error);
        assertStored(store, "once", utf8("first"));
    }

    @Test
    default void firstWriteWithEtagRequiresMatch() {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("fw", utf8("v1"));
        String stale = etagOf(store, "fw");
        store.set("fw", utf8("v2"));

        assertThrows(EtagMismatchException.class, () -> store.set(SetRequest.builder("fw", utf8("v3"))
                .concurrency(Concurrency.FIRST_WRITE).etag(stale).build()));
        store.set(SetRequest.builder("fw", utf8("v4")).concurrency(Concurrency.FIRST_WRITE)
                .etag(etagOf(store, "fw")).build());

        assertStored(store, "fw", utf8("v4"));
    }

    @Test
    default void concurrentFirstWritesLetOneWin() throws Exception {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();

        List<Integer> winners = race(writer -> store.set(firstWrite("contested", "writer " + writer)));

        assertEquals(1, winners.size(), () -> "exactly one first-write should win, but " + winners + " did");
        assertStored(store, "contested", utf8("writer " + winners.get(0)));
    }

    @Test
    default void concurrentConditionalWritesLetOneWin() throws Exception {
        session().requireFeature(Feature.ETAG);
        StateStore store = session().store();
        store.set("contested", utf8("start"));
        String etag = etagOf(store, "contested");

        List<Integer> winners = race(writer -> store.set(SetRequest.builder("contested", utf8("writer " + writer))
                .etag(etag).build()));

        assertEquals(1, winners.size(), () -> "exactly one write with the same ETag should win, but " + winners
                + " did");
        assertStored(store, "contested", utf8("writer " + winners.get(0)));
    }

    private static SetRequest firstWrite(String key, String value) {
        return SetRequest.builder(key, utf8(value)).concurrency(Concurrency.FIRST_WRITE).build();
    }

    private static String etagOf(StateStore store, String key) {
        StateItem item = store.get(key).orElseThrow(() -> new AssertionError("key '" + key + "' should be present"));
        return item.etag().orElseThrow(() -> new AssertionError("a store with feature ETAG returned no ETag for '"
                + key + "'"));
    }

    /**
     * Starts {@value #RACING_WRITERS} writers at once and returns the numbers of those whose write succeeded.
     * A writer may fail only with {@link EtagMismatchException}; any other error fails the scenario.
     */
    private static List<Integer> race(WriterAction action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(RACING_WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACING_WRITERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int writer = 0; writer < RACING_WRITERS; writer++) {
                int number = writer;
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        action.write(number);
                        return true;
                    } catch (EtagMismatchException e) {
                        return false;
                    }
                }));
            }
            assertTrue(ready.await(ScenarioChecks.ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS), "writers did not start");
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int writer = 0; writer < RACING_WRITERS; writer++) {
                if (outcome(outcomes.get(writer), writer)) {
                    winners.add(writer);
                }
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean outcome(Future<Boolean> future, int writer) throws InterruptedException {
        try {
            return future.get(ScenarioChecks.ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("writer " + writer + " failed with an error other than an ETag mismatch: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("writer " + writer + " did not finish within "
                    + ScenarioChecks.ASYNC_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** One racing write, numbered by its writer. */
    @FunctionalInterface
    interface WriterAction {
        void write(int writer);
    }
}
