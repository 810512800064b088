package dev.statestore.conformance.scenarios;

import static dev.statestore.conformance.scenarios.ScenarioChecks.assertAbsent;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertMessage;
import static dev.statestore.conformance.scenarios.ScenarioChecks.assertStored;
import static dev.statestore.conformance.scenarios.ScenarioChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.BulkGetResult;
import dev.statestore.api.Feature;
import dev.statestore.api.InvalidRequestException;
import dev.statestore.api.SetRequest;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.conformance.ClockControl;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Time to live: expiry by time, the reported expiry ({@link StateItem#expiresAt()} and the {@code ttlExpireTime}
 * metadata entry), removal of a TTL with {@code ttlInSeconds=-1}, and rejection of invalid TTLs. Needs
 * {@link Feature#TTL}; the scenarios where items expire also need a clock control.
 */
public interface TtlScenarios extends ConformanceScenario {

    /** Name of the response metadata entry that carries the expiry as an RFC 3339 time, as in Dapr. */
    String TTL_EXPIRE_TIME = "ttlExpireTime";

    /**
     * Tolerance of the reported expiry, because stores may keep expiry in whole seconds. The bounds are taken
     * from the store's clock right before and right after the write, so no other slack is needed.
     */
    Duration EXPIRY_TOLERANCE = Duration.ofSeconds(1);

    @Test
    default void valueExpiresAfterTtl() {
        session().requireFeature(Feature.TTL);
        ClockControl clock = session().requireClock();
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();
        store.set("session", utf8("s"), ttl);
        store.set("forever", utf8("f"));

        clock.advance(ttl.dividedBy(2));
        assertStored(store, "session", utf8("s"));
        clock.advance(ttl.dividedBy(2).plusSeconds(2));

        assertAbsent(store, "session");
        assertStored(store, "forever", utf8("f"));
    }

    @Test
    default void expiredKeyIsMissingFromBulkGet() {
        session().requireFeature(Feature.TTL);
        ClockControl clock = session().requireClock();
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();
        store.bulkSet(List.of(SetRequest.builder("short", utf8("s")).ttl(ttl).build(),
                SetRequest.builder("long", utf8("l")).ttl(ttl.multipliedBy(3)).build()));

        clock.advance(ttl.plusSeconds(2));
        List<BulkGetResult> results = store.bulkGet(List.of("short", "long"));

        assertEquals(2, results.size(), "one result per requested key");
        assertFalse(results.get(0).item().isPresent(), "the expired key should be empty");
        assertEquals("l", results.get(1).item().orElseThrow().valueAsString());
    }

    @Test
    default void expiryTimeIsReported() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();

        Instant before = session().now();
        store.set("session", utf8("s"), ttl);
        Instant after = session().now();

        assertExpiry(store.get("session").orElseThrow(), before.plus(ttl), after.plus(ttl));
    }

    @Test
    default void ttlFromMetadataIsReported() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();

        Instant before = session().now();
        store.set(SetRequest.builder("session", utf8("s"))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, Long.toString(ttl.toSeconds()))).build());
        Instant after = session().now();

        assertExpiry(store.get("session").orElseThrow(), before.plus(ttl), after.plus(ttl));
    }

    @Test
    default void bulkSetWithTtlReportsExpiry() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();

        Instant before = session().now();
        store.bulkSet(List.of(SetRequest.builder("with-ttl", utf8("t")).ttl(ttl).build(),
                SetRequest.of("without-ttl", utf8("n"))));
        Instant after = session().now();

        List<BulkGetResult> results = store.bulkGet(List.of("with-ttl", "without-ttl"));
        assertExpiry(results.get(0).item().orElseThrow(), before.plus(ttl), after.plus(ttl));
        assertNoExpiry(results.get(1).item().orElseThrow());
    }

    @Test
    default void writeWithoutTtlReportsNoExpiry() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();

        store.set("forever", utf8("f"));

        assertNoExpiry(store.get("forever").orElseThrow());
    }

    @Test
    default void ttlMinusOneRemovesExpiry() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();
        store.set("session", utf8("s"), ttl);

        store.set(SetRequest.builder("session", utf8("kept")).metadata(Map.of(SetRequest.TTL_IN_SECONDS, "-1"))
                .build());

        assertNoExpiry(store.get("session").orElseThrow());
        session().target().clock().ifPresent(clock -> {
            clock.advance(ttl.plusSeconds(2));
            assertStored(store, "session", utf8("kept"));
        });
    }

    @Test
    default void overwriteWithoutTtlClearsExpiry() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();
        store.set("session", utf8("s"), ttl);

        store.set("session", utf8("plain"));

        assertNoExpiry(store.get("session").orElseThrow());
        session().target().clock().ifPresent(clock -> {
            clock.advance(ttl.plusSeconds(2));
            assertStored(store, "session", utf8("plain"));
        });
    }

    @Test
    default void overwriteWithTtlExtendsExpiry() {
        session().requireFeature(Feature.TTL);
        ClockControl clock = session().requireClock();
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();
        store.set("session", utf8("s1"), ttl);
        clock.advance(ttl.dividedBy(2));

        store.set("session", utf8("s2"), ttl);
        clock.advance(ttl.dividedBy(2).plusSeconds(2));

        assertStored(store, "session", utf8("s2"));
    }

    @ParameterizedTest(name = "ttlInSeconds ''{0}''")
    @ValueSource(strings = {"abc", "-2", "0", "1.5", ""})
    default void invalidTtlMetadataIsRejected(String ttlInSeconds) {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> store.set(SetRequest
                .builder("bad-ttl", utf8("v")).metadata(Map.of(SetRequest.TTL_IN_SECONDS, ttlInSeconds)).build()));

        assertMessage(error);
        assertAbsent(store, "bad-ttl");
    }

    @Test
    default void conflictingTtlsAreRejected() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();
        Duration ttl = session().scenarioTtl();

        assertThrows(InvalidRequestException.class, () -> store.set(SetRequest.builder("bad-ttl", utf8("v")).ttl(ttl)
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, Long.toString(ttl.toSeconds() * 2))).build()));

        assertAbsent(store, "bad-ttl");
    }

    @Test
    default void ttlBelowMinimumIsRejected() {
        session().requireFeature(Feature.TTL);
        Duration minTtl = session().target().minTtl();
        Assumptions.assumeTrue(minTtl.compareTo(Duration.ofSeconds(1)) > 0,
                "skipped: target declares no minimum TTL above 1 second (ConformanceTarget.withMinTtl)");
        StateStore store = session().store();
        Duration tooShort = minTtl.minusSeconds(1);

        InvalidRequestException error = assertThrows(InvalidRequestException.class,
                () -> store.set("short-ttl", utf8("v"), tooShort));
        assertThrows(InvalidRequestException.class, () -> store.set(SetRequest.builder("short-ttl", utf8("v"))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, Long.toString(tooShort.toSeconds()))).build()));

        assertMessage(error);
        assertAbsent(store, "short-ttl");
    }

    @Test
    default void minimumTtlIsAccepted() {
        session().requireFeature(Feature.TTL);
        StateStore store = session().store();

        store.set("min-ttl", utf8("v"), session().target().minTtl());

        if (session().target().clock().isPresent()) {
            assertStored(store, "min-ttl", utf8("v"));
        }
    }

    private static void assertExpiry(StateItem item, Instant earliest, Instant latest) {
        Instant expiresAt = item.expiresAt().orElseThrow(() -> new AssertionError("item '" + item.key()
                + "' was written with a TTL, so expiresAt() should be present"));
        Instant low = earliest.minus(EXPIRY_TOLERANCE);
        Instant high = latest.plus(EXPIRY_TOLERANCE);
        assertFalse(expiresAt.isBefore(low), () -> "expiry " + expiresAt + " of '" + item.key()
                + "' should not be before " + low);
        assertFalse(expiresAt.isAfter(high), () -> "expiry " + expiresAt + " of '" + item.key()
                + "' should not be after " + high);

        String reported = item.metadata().get(TTL_EXPIRE_TIME);
        assertTrue(reported != null, () -> "metadata of '" + item.key() + "' should contain " + TTL_EXPIRE_TIME
                + ", but is " + item.metadata());
        assertEquals(expiresAt, parseRfc3339(reported), TTL_EXPIRE_TIME + " should equal expiresAt()");
    }

    private static void assertNoExpiry(StateItem item) {
        assertEquals(Optional.empty(), item.expiresAt(), () -> "expiry of '" + item.key() + "'");
        assertFalse(item.metadata().containsKey(TTL_EXPIRE_TIME),
                () -> "metadata of '" + item.key() + "' should not contain " + TTL_EXPIRE_TIME);
    }

    private static Instant parseRfc3339(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new AssertionError(TTL_EXPIRE_TIME + " '" + text + "' is not an RFC 3339 time", e);
        }
    }
}
