package dev.statestore.workerskv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.Concurrency;
import dev.statestore.api.DeleteRequest;
import dev.statestore.api.Feature;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.UnsupportedFeatureException;
import dev.statestore.workerskv.LocalWorker.Reply;
import dev.statestore.workerskv.auth.TokenSigner;
import dev.statestore.workerskv.http.RetryPolicy;
import dev.statestore.workerskv.http.WorkerClient;
import dev.statestore.workerskv.http.WorkerInfo;
import dev.statestore.workerskv.keys.KvLimits;
import dev.statestore.workerskv.metadata.PrivateKeys;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests the checks that the store runs before it sends a request. A rejected call must send the local Worker no
 * request at all.
 */
class WorkersKvStateStoreChecksTest {
    private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

    private final LocalWorker worker = LocalWorker.start((request, attempt) -> switch (request.method()) {
        case "POST" -> Reply.of(201);
        case "DELETE" -> Reply.of(204);
        default -> request.rawPath().endsWith("/known") ? Reply.of(200, "known-value") : Reply.of(404);
    });
    private final AtomicInteger closeCount = new AtomicInteger();
    private final WorkersKvStateStore store = new WorkersKvStateStore(
            new WorkerClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), worker.url(), "ns",
                    new TokenSigner(PrivateKeys.parse(TestKeys.ed25519PrivatePem()), "statestore-kv",
                            Clock.systemUTC(), true),
                    Duration.ofSeconds(10), RetryPolicy.NONE),
            new WorkerInfo("20221219", List.of("ns"), Set.of(), 0, 0), closeCount::incrementAndGet);

    @AfterEach
    void stopWorker() {
        store.close();
        worker.close();
    }

    private void assertNoRequest() {
        assertEquals(List.of(), worker.requests());
    }

    @Test
    void basicWorkerOffersOnlyTtl() {
        assertEquals(Set.of(Feature.TTL), store.features());
    }

    @Test
    void etagRejected() {
        UnsupportedFeatureException error = assertThrows(UnsupportedFeatureException.class,
                () -> store.set(SetRequest.builder("k1", VALUE).etag("1").build()));

        assertEquals(Feature.ETAG, error.feature());
        assertTrue(error.getMessage().contains("'k1'"), error.getMessage());
        assertNoRequest();
    }

    @Test
    void firstWriteRejected() {
        UnsupportedFeatureException error = assertThrows(UnsupportedFeatureException.class,
                () -> store.set(SetRequest.builder("k1", VALUE).concurrency(Concurrency.FIRST_WRITE).build()));

        assertEquals(Feature.ETAG, error.feature());
        assertNoRequest();
    }

    @Test
    void deleteEtagRejected() {
        UnsupportedFeatureException error = assertThrows(UnsupportedFeatureException.class,
                () -> store.delete(DeleteRequest.of("k1").withEtag("1")));

        assertEquals(Feature.ETAG, error.feature());
        assertNoRequest();
    }

    @Test
    void ttlUnderMinimumRejected() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("k1", VALUE, Duration.ofSeconds(59)));

        assertTrue(error.getMessage().contains("59 seconds"), error.getMessage());
        assertTrue(error.getMessage().contains("at least 60"), error.getMessage());
        assertNoRequest();
    }

    @Test
    void ttlMetadataUnderMinimumRejected() {
        SetRequest request = SetRequest.builder("k1", VALUE).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "30")).build();

        assertThrows(InvalidRequestException.class, () -> store.set(request));
        assertNoRequest();
    }

    @Test
    void fractionalTtlRejected() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("k1", VALUE, Duration.ofMillis(90_500)));

        assertTrue(error.getMessage().contains("whole seconds"), error.getMessage());
        assertNoRequest();
    }

    @Test
    void ttlOverMaximumRejected() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("k1", VALUE, Duration.ofSeconds(KvLimits.MAX_EXPIRATION_SECONDS + 1)));

        assertTrue(error.getMessage().contains("may not pass " + KvLimits.MAX_EXPIRATION_SECONDS), error.getMessage());
        assertNoRequest();
    }

    @Test
    void minimumTtlSent() {
        store.set("k1", VALUE, Duration.ofSeconds(60));

        assertEquals("ttl=60", worker.requests().get(0).rawQuery());
    }

    @Test
    void ttlMinusOneSendsNoTtl() {
        store.set(SetRequest.builder("k1", VALUE).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "-1")).build());

        assertNull(worker.requests().get(0).rawQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", ".."})
    void unusableKeyRejected(String key) {
        assertThrows(InvalidRequestException.class, () -> store.get(key));
        assertThrows(InvalidRequestException.class, () -> store.set(key, VALUE));
        assertThrows(InvalidRequestException.class, () -> store.delete(key));
        assertNoRequest();
    }

    @Test
    void overlongKeyRejected() {
        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> store.set("中".repeat(57), VALUE));

        assertTrue(error.getMessage().contains("513"), error.getMessage());
        assertNoRequest();
    }

    @Test
    void oversizedValueRejected() {
        byte[] large = new byte[KvLimits.MAX_VALUE_BYTES + 1];

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.set("k1", large));

        assertTrue(error.getMessage().contains(Integer.toString(KvLimits.MAX_VALUE_BYTES + 1)), error.getMessage());
        assertNoRequest();
    }

    @Test
    void bulkSetCheckedBeforeAnyRequest() {
        List<SetRequest> requests = List.of(SetRequest.of("a", VALUE), SetRequest.of("b", VALUE),
                SetRequest.builder("c", VALUE).ttl(Duration.ofSeconds(10)).build());

        assertThrows(InvalidRequestException.class, () -> store.bulkSet(requests));
        assertNoRequest();
    }

    @Test
    void bulkGetReportsInvalidKeyAlone() {
        List<BulkGetResult> results = store.bulkGet(List.of("known", "..", "absent"));

        assertEquals("known-value", results.get(0).item().orElseThrow().valueAsString());
        assertInstanceOf(InvalidRequestException.class, results.get(1).error().orElseThrow());
        assertTrue(results.get(2).item().isEmpty());
        assertTrue(results.get(2).error().isEmpty());
        assertEquals(2, worker.requests().size());
    }

    @Test
    void listKeysNeedsListRoute() {
        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.listKeys("", null, 10));

        assertEquals(Feature.KEYS_LIKE, error.feature());
        assertTrue(error.getMessage().contains("no list route"), error.getMessage());
    }

    @Test
    void deleteWithPrefixNeedsListRoute() {
        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.deleteWithPrefix("a"));

        assertEquals(Feature.DELETE_WITH_PREFIX, error.feature());
        assertNoRequest();
    }

    @Test
    void transactUnsupported() {
        UnsupportedFeatureException error =
                assertThrows(UnsupportedFeatureException.class, () -> store.transact(List.of()));

        assertEquals(Feature.TRANSACTIONAL, error.feature());
    }

    @Test
    void closedStoreRejectsCalls() {
        store.close();
        store.close();

        assertThrows(IllegalStateException.class, () -> store.get("k1"));
        assertThrows(IllegalStateException.class, () -> store.set("k1", VALUE));
        assertEquals(1, closeCount.get());
        assertNoRequest();
    }
}
