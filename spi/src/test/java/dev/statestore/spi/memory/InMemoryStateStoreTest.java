package dev.statestore.spi.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.EtagMismatchException;
import dev.statestore.api.Feature;
import dev.statestore.api.GetRequest;
import dev.statestore.api.InvalidEtagException;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.TransactionOperation;
import dev.statestore.spi.Component;
import dev.statestore.spi.InvalidComponentException;
import dev.statestore.spi.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final InMemoryStateStore store = new InMemoryStateStore(clock);

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String etagOf(String key) {
        return store.get(key).orElseThrow().etag().orElseThrow();
    }

    private String valueOf(String key) {
        return store.get(key).map(StateItem::valueAsString).orElse(null);
    }

    @Test
    void declaresEveryImplementedFeature() {
        assertEquals(EnumSet.of(Feature.ETAG, Feature.TRANSACTIONAL, Feature.TTL, Feature.DELETE_WITH_PREFIX,
                Feature.KEYS_LIKE), store.features());
    }

    @Test
    void setThenGet() {
        store.set(SetRequest.builder("k1", bytes("v1")).contentType("text/plain").build());

        StateItem item = store.get("k1").orElseThrow();

        assertEquals("k1", item.key());
        assertEquals("v1", item.valueAsString());
        assertEquals(Optional.of("text/plain"), item.contentType());
        assertEquals(Optional.empty(), item.expiresAt());
    }

    @Test
    void missingKeyEmpty() {
        assertEquals(Optional.empty(), store.get("absent"));
    }

    @Test
    void emptyKeyRejected() {
        assertThrows(InvalidRequestException.class, () -> store.get(""));
        assertThrows(InvalidRequestException.class, () -> store.set("", bytes("v")));
    }

    @Test
    void deleteMissingKeySucceeds() {
        assertDoesNotThrow(() -> store.delete("absent"));
    }

    @Test
    void etagChangesOnWrite() {
        store.set("k1", bytes("v1"));
        String first = etagOf("k1");

        store.set("k1", bytes("v2"));

        assertNotEquals(first, etagOf("k1"));
    }

    @Test
    void matchingEtagWrites() {
        store.set("k1", bytes("v1"));

        store.set(SetRequest.builder("k1", bytes("v2")).etag(etagOf("k1")).build());

        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void staleEtagRejected() {
        store.set("k1", bytes("v1"));
        String stale = etagOf("k1");
        store.set("k1", bytes("v2"));

        EtagMismatchException error = assertThrows(EtagMismatchException.class,
                () -> store.set(SetRequest.builder("k1", bytes("v3")).etag(stale).build()));

        assertTrue(error.getMessage().contains("'k1'"), error.getMessage());
        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void etagOnMissingKeyRejected() {
        assertThrows(EtagMismatchException.class,
                () -> store.set(SetRequest.builder("k1", bytes("v1")).etag("1").build()));
        assertEquals(Optional.empty(), store.get("k1"));
    }

    @Test
    void malformedEtagRejected() {
        store.set("k1", bytes("v1"));

        InvalidEtagException error = assertThrows(InvalidEtagException.class,
                () -> store.set(SetRequest.builder("k1", bytes("v2")).etag("W/\"abc\"").build()));

        assertTrue(error.getMessage().contains("W/\"abc\""), error.getMessage());
    }

    @Test
    void emptyEtagRejected() {
        store.set("k1", bytes("v1"));

        assertThrows(InvalidEtagException.class,
                () -> store.set(SetRequest.builder("k1", bytes("v2")).etag("").build()));
    }

    @Test
    void staleEtagDeleteRejected() {
        store.set("k1", bytes("v1"));
        String stale = etagOf("k1");
        store.set("k1", bytes("v2"));

        assertThrows(EtagMismatchException.class, () -> store.delete(DeleteRequest.of("k1").withEtag(stale)));
        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void matchingEtagDeletes() {
        store.set("k1", bytes("v1"));

        store.delete(DeleteRequest.of("k1").withEtag(etagOf("k1")));

        assertEquals(Optional.empty(), store.get("k1"));
    }

    @Test
    void firstWriteCreates() {
        store.set(SetRequest.builder("k1", bytes("v1")).concurrency(Concurrency.FIRST_WRITE).build());

        assertEquals("v1", valueOf("k1"));
    }

    @Test
    void firstWriteOnExistingRejected() {
        store.set("k1", bytes("v1"));

        EtagMismatchException error = assertThrows(EtagMismatchException.class, () -> store.set(
                SetRequest.builder("k1", bytes("v2")).concurrency(Concurrency.FIRST_WRITE).build()));

        assertTrue(error.getMessage().contains("First-write"), error.getMessage());
        assertEquals("v1", valueOf("k1"));
    }

    @Test
    void firstWriteWithEtagOverwrites() {
        store.set("k1", bytes("v1"));

        store.set(SetRequest.builder("k1", bytes("v2")).concurrency(Concurrency.FIRST_WRITE).etag(etagOf("k1"))
                .build());

        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void firstWriteDeleteOfExistingRejected() {
        store.set("k1", bytes("v1"));

        assertThrows(EtagMismatchException.class,
                () -> store.delete(DeleteRequest.of("k1").withConcurrency(Concurrency.FIRST_WRITE)));
        assertEquals("v1", valueOf("k1"));
    }

    @Test
    void ttlExpiresOnClock() {
        store.set("k1", bytes("v1"), Duration.ofSeconds(10));

        clock.advance(Duration.ofMillis(9_999));
        assertEquals("v1", valueOf("k1"));

        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), store.get("k1"));
    }

    @Test
    void ttlReportsExpiry() {
        store.set("k1", bytes("v1"), Duration.ofSeconds(10));

        StateItem item = store.get("k1").orElseThrow();

        assertEquals(Optional.of(START.plusSeconds(10)), item.expiresAt());
        assertEquals(Map.of("ttlExpireTime", "2030-01-01T00:00:10Z"), item.metadata());
    }

    @Test
    void ttlFromMetadata() {
        store.set(SetRequest.builder("k1", bytes("v1")).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "5")).build());

        clock.advance(Duration.ofSeconds(5));

        assertEquals(Optional.empty(), store.get("k1"));
    }

    @Test
    void ttlMinusOneNeverExpires() {
        store.set(SetRequest.builder("k1", bytes("v1")).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "-1")).build());

        clock.advance(Duration.ofDays(3650));

        assertEquals("v1", valueOf("k1"));
    }

    @Test
    void invalidTtlMetadataRejected() {
        SetRequest request = SetRequest.builder("k1", bytes("v1")).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "soon"))
                .build();

        assertThrows(InvalidRequestException.class, () -> store.set(request));
        assertEquals(Optional.empty(), store.get("k1"));
    }

    @Test
    void overwriteWithoutTtlKeeps() {
        store.set("k1", bytes("v1"), Duration.ofSeconds(10));
        store.set("k1", bytes("v2"));

        clock.advance(Duration.ofSeconds(60));

        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void expiredKeyAllowsFirstWrite() {
        store.set("k1", bytes("v1"), Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));

        store.set(SetRequest.builder("k1", bytes("v2")).concurrency(Concurrency.FIRST_WRITE).build());

        assertEquals("v2", valueOf("k1"));
    }

    @Test
    void transactionAppliesAll() {
        store.set("gone", bytes("x"));

        store.transact(List.of(
                TransactionOperation.set(SetRequest.of("a", bytes("1"))),
                TransactionOperation.delete(DeleteRequest.of("gone")),
                TransactionOperation.set(SetRequest.of("b", bytes("2")))));

        assertEquals("1", valueOf("a"));
        assertEquals("2", valueOf("b"));
        assertEquals(Optional.empty(), store.get("gone"));
    }

    @Test
    void transactionStaleEtagAppliesNothing() {
        store.set("x", bytes("old"));
        String stale = etagOf("x");
        store.set("x", bytes("current"));

        assertThrows(EtagMismatchException.class, () -> store.transact(List.of(
                TransactionOperation.set(SetRequest.of("a", bytes("1"))),
                TransactionOperation.set(SetRequest.builder("x", bytes("new")).etag(stale).build()),
                TransactionOperation.set(SetRequest.of("b", bytes("2"))))));

        assertEquals(Optional.empty(), store.get("a"));
        assertEquals("current", valueOf("x"));
        assertEquals(Optional.empty(), store.get("b"));
    }

    @Test
    void transactionRollsBackAppliedSteps() {
        store.set("x", bytes("old"));
        String etagBefore = etagOf("x");

        // Each first-write passes on its own, so the second one fails only after the earlier steps were applied.
        assertThrows(EtagMismatchException.class, () -> store.transact(List.of(
                TransactionOperation.set(SetRequest.of("x", bytes("new"))),
                TransactionOperation.delete(DeleteRequest.of("x")),
                TransactionOperation.set(SetRequest.builder("k", bytes("1")).concurrency(Concurrency.FIRST_WRITE)
                        .build()),
                TransactionOperation.set(SetRequest.builder("k", bytes("2")).concurrency(Concurrency.FIRST_WRITE)
                        .build()))));

        assertEquals("old", valueOf("x"));
        assertEquals(etagBefore, etagOf("x"));
        assertEquals(Optional.empty(), store.get("k"));
    }

    @Test
    void transactionInvalidTtlAppliesNothing() {
        assertThrows(InvalidRequestException.class, () -> store.transact(List.of(
                TransactionOperation.set(SetRequest.of("a", bytes("1"))),
                TransactionOperation.set(SetRequest.builder("b", bytes("2"))
                        .metadata(Map.of(SetRequest.TTL_IN_SECONDS, "-7")).build()))));

        assertEquals(Optional.empty(), store.get("a"));
    }

    @Test
    void listKeysPagesWithCursor() {
        for (String key : List.of("p5", "p1", "q1", "p3", "p2", "p4", "o1")) {
            store.set(key, bytes(key));
        }

        KeyPage first = store.listKeys("p", null, 2);
        KeyPage second = store.listKeys("p", first.cursor().orElseThrow(), 2);
        KeyPage third = store.listKeys("p", second.cursor().orElseThrow(), 2);

        assertEquals(List.of("p1", "p2"), first.keys());
        assertEquals(List.of("p3", "p4"), second.keys());
        assertEquals(List.of("p5"), third.keys());
        assertEquals(Optional.empty(), third.cursor());
    }

    @Test
    void listKeysExactPageHasNoCursor() {
        store.set("p1", bytes("1"));
        store.set("p2", bytes("2"));

        KeyPage page = store.listKeys("p", null, 2);

        assertEquals(List.of("p1", "p2"), page.keys());
        assertEquals(Optional.empty(), page.cursor());
    }

    @Test
    void listKeysSkipsExpired() {
        store.set("p1", bytes("1"), Duration.ofSeconds(5));
        store.set("p2", bytes("2"));
        store.set("p3", bytes("3"), Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("p2"), store.listKeys("p", null, 10).keys());
    }

    @Test
    void listKeysVisitsEveryKeyOnce() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            String key = String.format("item-%03d", i);
            expected.add(key);
            store.set(key, bytes("v"));
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            KeyPage page = store.listKeys("item-", cursor, 10);
            listed.addAll(page.keys());
            cursor = page.cursor().orElse(null);
        } while (cursor != null);

        assertEquals(expected, listed);
    }

    @Test
    void listKeysRejectsZeroLimit() {
        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> store.listKeys("", null, 0));

        assertTrue(error.getMessage().contains("limit 0"), error.getMessage());
    }

    @Test
    void deleteWithPrefixDeletesMatching() {
        for (String key : List.of("job/1", "job/2", "job", "jobs/1", "other")) {
            store.set(key, bytes(key));
        }

        long deleted = store.deleteWithPrefix("job/");

        assertEquals(2, deleted);
        assertEquals(List.of("job", "jobs/1", "other"), store.listKeys("", null, 10).keys());
    }

    @Test
    void deleteWithPrefixCountsOnlyLive() {
        store.set("job/1", bytes("1"), Duration.ofSeconds(5));
        store.set("job/2", bytes("2"));
        clock.advance(Duration.ofSeconds(5));

        assertEquals(1, store.deleteWithPrefix("job/"));
    }

    @Test
    void deleteWithPrefixSupplementaryCharacters() {
        store.set("p\uD83D\uDE00", bytes("1"));
        store.set("p\uFFFD", bytes("2"));

        assertEquals(2, store.deleteWithPrefix("p"));
    }

    @Test
    void deleteWithPrefixMaxCharacter() {
        store.set("p\uFFFF", bytes("1"));
        store.set("p\uFFFFx", bytes("2"));

        assertEquals(2, store.deleteWithPrefix("p"));
    }

    @Test
    void deleteWithEmptyPrefixRejected() {
        store.set("a", bytes("1"));

        assertThrows(InvalidRequestException.class, () -> store.deleteWithPrefix(""));
        assertEquals("1", valueOf("a"));
    }

    @Test
    void closedStoreRejectsCalls() {
        store.set("a", bytes("1"));

        store.close();

        assertThrows(IllegalStateException.class, () -> store.get("a"));
        assertThrows(IllegalStateException.class, () -> store.get(GetRequest.of("a")));
        assertThrows(IllegalStateException.class, () -> store.set("a", bytes("2")));
        assertThrows(IllegalStateException.class, () -> store.delete("a"));
        assertThrows(IllegalStateException.class, () -> store.listKeys("", null, 10));
        assertThrows(IllegalStateException.class, () -> store.deleteWithPrefix("a"));
        assertThrows(IllegalStateException.class,
                () -> store.transact(List.of(TransactionOperation.delete(DeleteRequest.of("a")))));
    }

    @Test
    void valueIsolatedFromCaller() {
        byte[] input = bytes("v1");
        store.set("k1", input);

        input[0] = 'X';
        store.get("k1").orElseThrow().value()[1] = 'Y';

        assertEquals("v1", valueOf("k1"));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int writers = 8;
        int writesPerWriter = 250;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> acknowledged = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int id = writer;
                acknowledged.add(executor.submit(() -> {
                    for (int i = 0; i < writesPerWriter; i++) {
                        store.set("w" + id + "/" + i, bytes(Integer.toString(i)));
                    }
                    return writesPerWriter;
                }));
            }
            int total = 0;
            for (Future<Integer> future : acknowledged) {
                total += future.get(30, TimeUnit.SECONDS);
            }

            for (int writer = 0; writer < writers; writer++) {
                for (int i = 0; i < writesPerWriter; i++) {
                    assertEquals(Integer.toString(i), valueOf("w" + writer + "/" + i), "w" + writer + "/" + i);
                }
            }
            assertEquals(writers * writesPerWriter, total);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentEtagIncrementsLoseNothing() throws Exception {
        int writers = 8;
        int incrementsPerWriter = 200;
        store.set("counter", bytes("0"));
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                conflicts.add(executor.submit(() -> incrementWithEtag("counter", incrementsPerWriter)));
            }
            for (Future<Integer> future : conflicts) {
                future.get(30, TimeUnit.SECONDS);
            }

            assertEquals(Integer.toString(writers * incrementsPerWriter), valueOf("counter"));
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Adds 1 to a decimal counter {@code times} times, each by a read and then a write with the read ETag, and
     * returns how many writes failed on an ETag mismatch.
     */
    private int incrementWithEtag(String key, int times) {
        int conflicts = 0;
        for (int done = 0; done < times; ) {
            StateItem item = store.get(key).orElseThrow();
            long next = Long.parseLong(item.valueAsString()) + 1;
            try {
                store.set(SetRequest.builder(key, bytes(Long.toString(next))).etag(item.etag().orElseThrow()).build());
                done++;
            } catch (EtagMismatchException e) {
                conflicts++;
            }
        }
        return conflicts;
    }

    @Test
    void providerRejectsUnknownMetadata() {
        Component component = Component.of(InMemoryStateStoreProvider.TYPE, Map.of("maxEntries", "10"));

        InvalidComponentException error =
                assertThrows(InvalidComponentException.class, () -> new InMemoryStateStoreProvider().create(component));

        assertTrue(error.getMessage().contains("'maxEntries'"), error.getMessage());
    }
}
