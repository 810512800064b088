package dev.statestore.harness.compat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.BulkOptions;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.KeyPage;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateStore;
import dev.statestore.api.UnsupportedFeatureException;
import dev.statestore.harness.TestWorkers;
import dev.statestore.harness.WorkerdKvProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bulk operations, listing and prefix deletion through the provider, against the bundled worker.js (batch and
 * list routes) and against a Worker that speaks only the basic protocol (bounded parallel single requests).
 */
class BulkAndListTest {

    abstract static class BulkContract {
        WorkerdKvProcess emulator;
        StateStore store;

        abstract WorkerdKvProcess createEmulator();

        @BeforeAll
        void start() {
            emulator = createEmulator();
            emulator.start();
            store = emulator.openStateStore();
        }

        @AfterAll
        void stop() {
            if (store != null) {
                store.close();
            }
            if (emulator != null) {
                emulator.close();
            }
        }

        @BeforeEach
        void reset() {
            emulator.control().reset();
        }

        @Test
        void bulkSetGetDeleteOfManyKeys() {
            List<SetRequest> writes = IntStream.range(0, 300)
                    .mapToObj(i -> SetRequest.of("bulk key " + i, ("value " + i).getBytes(StandardCharsets.UTF_8)))
                    .toList();
            store.bulkSet(writes);
            assertEquals(300, emulator.control().count());

            List<String> keys = new ArrayList<>(writes.stream().map(SetRequest::key).toList());
            keys.add("missing");
            List<BulkGetResult> results = store.bulkGet(keys);
            assertEquals(keys.size(), results.size(), "one result per key");
            for (int i = 0; i < 300; i++) {
                assertEquals(keys.get(i), results.get(i).key());
                assertEquals("value " + i, results.get(i).item().orElseThrow().valueAsString());
            }
            assertEquals(Optional.empty(), results.get(300).item());
            assertEquals(Optional.empty(), results.get(300).error());

            store.bulkDelete(keys.stream().map(DeleteRequest::of).toList());
            assertEquals(0, emulator.control().count());
        }

        @Test
        void emptyBulksAreValid() {
            assertEquals(List.of(), store.bulkGet(List.of()));
            store.bulkSet(List.of());
            store.bulkDelete(List.of());
            assertEquals(0, emulator.control().count());
        }

        @Test
        void bulkGetReportsInvalidKeyAlone() {
            store.set("fine", "v".getBytes(StandardCharsets.UTF_8));
            List<BulkGetResult> results = store.bulkGet(List.of("fine", "", "..", "x".repeat(600)),
                    new BulkOptions(2));
            assertEquals(4, results.size());
            assertEquals("v", results.get(0).item().orElseThrow().valueAsString());
            for (int i = 1; i < 4; i++) {
                assertTrue(results.get(i).error().orElseThrow() instanceof InvalidRequestException);
            }
        }

        @Test
        void bulkSetRejectsBadInputBeforeSending() {
            List<SetRequest> writes = List.of(SetRequest.of("good", new byte[] {1}),
                    SetRequest.builder("short-ttl", new byte[] {2}).ttl(Duration.ofSeconds(10)).build());
            assertThrows(InvalidRequestException.class, () -> store.bulkSet(writes));
            assertEquals(0, emulator.control().count(), "nothing is written when one request is invalid");
        }

        @Test
        void bulkSetWithTtlExpires() {
            store.bulkSet(List.of(SetRequest.builder("ttl", new byte[] {7}).ttl(Duration.ofSeconds(120)).build()));
            assertTrue(store.bulkGet(List.of("ttl")).get(0).item().isPresent());
            emulator.control().advanceClock(Duration.ofSeconds(121));
            assertEquals(Optional.empty(), store.bulkGet(List.of("ttl")).get(0).item());
        }

        @Test
        void largeValuesInOneBulkRoundTrip() {
            byte[] big = new byte[3 * 1024 * 1024];
            new java.util.Random(7).nextBytes(big);
            List<SetRequest> writes = IntStream.range(0, 8).mapToObj(i -> SetRequest.of("big" + i, big)).toList();
            store.bulkSet(writes);
            List<BulkGetResult> results = store.bulkGet(writes.stream().map(SetRequest::key).toList());
            for (BulkGetResult result : results) {
                assertArrayEquals(big, result.item().orElseThrow().value(), result.key());
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BundledWorker extends BulkContract {
        @Override
        WorkerdKvProcess createEmulator() {
            return new WorkerdKvProcess();
        }

        @Test
        void featuresIncludeListing() {
            assertTrue(store.features().containsAll(Set.of(Feature.TTL, Feature.KEYS_LIKE, Feature.DELETE_WITH_PREFIX)));
            assertFalse(store.features().contains(Feature.ETAG));
        }

        @Test
        void bulkGetReportsExpiry() {
            store.bulkSet(List.of(SetRequest.builder("ttl", new byte[] {7}).ttl(Duration.ofSeconds(120)).build()));
            assertTrue(store.bulkGet(List.of("ttl")).get(0).item().orElseThrow().expiresAt().isPresent());
        }

        @Test
        void listKeysPagesThroughPrefix() {
            store.bulkSet(IntStream.range(0, 25).mapToObj(i -> SetRequest.of("user/" + i + " ń", new byte[] {1}))
                    .toList());
            store.set("other", new byte[] {1});

            Set<String> listed = new TreeSet<>();
            String cursor = null;
            int pages = 0;
            do {
                KeyPage page = store.listKeys("user/", cursor, 10);
                listed.addAll(page.keys());
                cursor = page.cursor().orElse(null);
                pages++;
            } while (cursor != null && pages < 10);
            assertEquals(25, listed.size());
            assertTrue(listed.contains("user/7 ń"), "listings return the application's key, unescaped");
            assertTrue(pages >= 3, "25 keys at 10 per page take at least 3 pages, took " + pages);
        }

        @Test
        void deleteWithPrefixRemovesOnlyMatchingKeys() {
            store.bulkSet(IntStream.range(0, 30).mapToObj(i -> SetRequest.of("tmp:" + i, new byte[] {1})).toList());
            store.set("keep", new byte[] {1});

            assertEquals(30, store.deleteWithPrefix("tmp:"));
            assertEquals(List.of("keep"), emulator.control().keys());
            assertThrows(InvalidRequestException.class, () -> store.deleteWithPrefix(""));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BasicWorker extends BulkContract {
        @Override
        WorkerdKvProcess createEmulator() {
            return new WorkerdKvProcess().withWorkerScript(TestWorkers.basicWorker());
        }

        @Test
        void listingIsRejectedNotIgnored() {
            assertEquals(Set.of(Feature.TTL), store.features());
            UnsupportedFeatureException error = assertThrows(UnsupportedFeatureException.class,
                    () -> store.listKeys("a", null, 10));
            assertEquals(Feature.KEYS_LIKE, error.feature());
            assertThrows(UnsupportedFeatureException.class, () -> store.deleteWithPrefix("a"));
        }
    }
}
