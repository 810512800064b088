package dev.statestore.conformance;

import dev.statestore.api.Feature;
import dev.statestore.api.StateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The store under test and what its provider declares about it: a factory of empty stores, an optional clock
 * control for TTL scenarios, and the store's documented limits. Immutable: every {@code withX} method returns
 * a new target.
 *
 * <pre>{@code
 * ConformanceTarget.of(() -> new MyStore(clock))
 *         .withClock(clock)
 *         .withMaxLengthKey("k".repeat(512))
 *         .withRejectedKeys("", "..")
 *         .withMaxValueBytes(25 * 1024 * 1024)
 * }</pre>
 *
 * <p>Scenarios that need an undeclared limit are skipped with a message that names the {@code withX} method
 * to call.
 */
public final class ConformanceTarget implements AutoCloseable {
    /** The TTL used when the target declares no minimum. */
    private static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(1);

    private final Supplier<? extends StateStore> factory;
    private final ClockControl clock;
    private final String maxLengthKey;
    private final List<String> rejectedKeys;
    private final Integer maxValueBytes;
    private final Duration minTtl;
    private final String malformedEtag;
    private final List<AutoCloseable> resources;
    private final Map<String, String> knownDefects;

    private ConformanceTarget(Supplier<? extends StateStore> factory, ClockControl clock, String maxLengthKey,
            List<String> rejectedKeys, Integer maxValueBytes, Duration minTtl, String malformedEtag,
            List<AutoCloseable> resources, Map<String, String> knownDefects) {
        this.factory = factory;
        this.clock = clock;
        this.maxLengthKey = maxLengthKey;
        this.rejectedKeys = List.copyOf(rejectedKeys);
        this.maxValueBytes = maxValueBytes;
        this.minTtl = minTtl;
        this.malformedEtag = malformedEtag;
        this.resources = List.copyOf(resources);
        this.knownDefects = Map.copyOf(knownDefects);
    }

    /**
     * Creates a target whose {@code factory} returns a new store instance over empty data on every call, for
     * example a new in-memory store, or a new client of a backend that the factory has just cleared. The suite
     * calls it once per scenario and once per property try, and closes each store it gets.
     */
    public static ConformanceTarget of(Supplier<? extends StateStore> factory) {
        Objects.requireNonNull(factory, "factory");
        return new ConformanceTarget(factory, null, null, List.of(), null, DEFAULT_MIN_TTL, null, List.of(), Map.of());
    }

    /** Declares the control of the store's clock, which enables the scenarios where items expire. */
    public ConformanceTarget withClock(ClockControl newClock) {
        Objects.requireNonNull(newClock, "clock");
        return new ConformanceTarget(factory, newClock, maxLengthKey, rejectedKeys, maxValueBytes, minTtl,
                malformedEtag, resources, knownDefects);
    }

    /** Declares a key of the maximum length the store accepts, for example {@code "k".repeat(512)}. */
    public ConformanceTarget withMaxLengthKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Invalid maximum-length key '': declare the longest key the store "
                    + "accepts, for example \"k\".repeat(512).");
        }
        return new ConformanceTarget(factory, clock, key, rejectedKeys, maxValueBytes, minTtl, malformedEtag,
                resources, knownDefects);
    }

    /**
     * Declares keys that the store documents as invalid; each must fail with
     * {@link dev.statestore.api.InvalidRequestException} on set, get and delete.
     */
    public ConformanceTarget withRejectedKeys(String... keys) {
        List<String> copy = new ArrayList<>(keys.length);
        for (String key : keys) {
            copy.add(Objects.requireNonNull(key, "rejected key"));
        }
        return new ConformanceTarget(factory, clock, maxLengthKey, copy, maxValueBytes, minTtl, malformedEtag,
                resources, knownDefects);
    }

    /** Declares the maximum value size in bytes; one byte more must fail with an invalid-request error. */
    public ConformanceTarget withMaxValueBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("Invalid maximum value size " + bytes + ": use 1 or more bytes.");
        }
        return new ConformanceTarget(factory, clock, maxLengthKey, rejectedKeys, bytes, minTtl, malformedEtag,
                resources, knownDefects);
    }

    /**
     * Declares the shortest TTL the store accepts, for example 60 seconds for Workers KV. One second less
     * must fail with an invalid-request error. The default is 1 second.
     */
    public ConformanceTarget withMinTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Invalid minimum TTL " + ttl + ": use a positive duration.");
        }
        return new ConformanceTarget(factory, clock, maxLengthKey, rejectedKeys, maxValueBytes, ttl, malformedEtag,
                resources, knownDefects);
    }

    /**
     * Declares an ETag that is not in the form the store issues; a write with it must fail with
     * {@link dev.statestore.api.InvalidEtagException}. Applies to stores with {@link Feature#ETAG}.
     */
    public ConformanceTarget withMalformedEtag(String etag) {
        Objects.requireNonNull(etag, "etag");
        return new ConformanceTarget(factory, clock, maxLengthKey, rejectedKeys, maxValueBytes, minTtl, etag,
                resources, knownDefects);
    }

    /**
     * Adds a resource, such as an emulator, that the suite closes after the last scenario or property of the
     * test class. Resources close in the reverse order of adding.
     */
    public ConformanceTarget withResource(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        List<AutoCloseable> more = new ArrayList<>(resources);
        more.add(resource);
        return new ConformanceTarget(factory, clock, maxLengthKey, rejectedKeys, maxValueBytes, minTtl,
                malformedEtag, more, knownDefects);
    }

    /**
     * Declares that {@code scenario}, a scenario method name such as {@code "escapedSpellingsStayDistinct"},
     * fails on this store for {@code reason}. The scenario still runs: a failure is reported as skipped with
     * the reason, and a pass fails the scenario so that the declaration is removed once the defect is fixed.
     * Applies to Jupiter scenarios, not to the jqwik properties.
     */
    public ConformanceTarget withKnownDefect(String scenario, String reason) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(reason, "reason");
        Map<String, String> more = new LinkedHashMap<>(knownDefects);
        more.put(scenario, reason);
        return new ConformanceTarget(factory, clock, maxLengthKey, rejectedKeys, maxValueBytes, minTtl,
                malformedEtag, resources, more);
    }

    /** Returns an empty store from the factory; the caller closes it. */
    public StateStore openStore() {
        StateStore store = factory.get();
        if (store == null) {
            throw new IllegalStateException("The conformance target's factory returned null: return a new "
                    + "StateStore over empty data on every call.");
        }
        return store;
    }

    /** Opens a store, reads its declared features and closes it again. */
    public Set<Feature> readFeatures() {
        try (StateStore store = openStore()) {
            return Set.copyOf(store.features());
        }
    }

    public Optional<ClockControl> clock() {
        return Optional.ofNullable(clock);
    }

    public Optional<String> maxLengthKey() {
        return Optional.ofNullable(maxLengthKey);
    }

    public List<String> rejectedKeys() {
        return rejectedKeys;
    }

    public OptionalInt maxValueBytes() {
        return maxValueBytes == null ? OptionalInt.empty() : OptionalInt.of(maxValueBytes);
    }

    public Duration minTtl() {
        return minTtl;
    }

    public Optional<String> malformedEtag() {
        return Optional.ofNullable(malformedEtag);
    }

    /** Returns the declared known defects: the reason by scenario name. */
    public Map<String, String> knownDefects() {
        return knownDefects;
    }

    /**
     * Closes the declared resources in reverse order. The first failure is thrown after every resource had
     * its turn, with later failures attached as suppressed exceptions.
     */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Describes the declarations; the maximum-length key is given by its length only. */
    @Override
    public String toString() {
        return "ConformanceTarget{clock=" + (clock != null)
                + (maxLengthKey == null ? "" : ", maxLengthKey=" + maxLengthKey.length() + " chars")
                + ", rejectedKeys=" + rejectedKeys.size()
                + (maxValueBytes == null ? "" : ", maxValueBytes=" + maxValueBytes)
                + ", minTtl=" + minTtl
                + (malformedEtag == null ? "" : ", malformedEtag='" + malformedEtag + "'")
                + (knownDefects.isEmpty() ? "" : ", knownDefects=" + knownDefects.keySet()) + "}";
    }
}
