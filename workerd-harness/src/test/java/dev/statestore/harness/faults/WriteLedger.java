package dev.statestore.harness.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every write attempt of a load run, per key, in the order its single writer made them, with the outcome the
 * client saw. {@link #check} compares the stored values against what the outcomes allow.
 */
final class WriteLedger {
    /** What the client learned about a write. */
    enum Outcome {
        /** The store acknowledged the write. */
        ACKNOWLEDGED,
        /** A retryable failure (timeout, unavailable): the write may or may not have been applied. */
        UNKNOWN,
        /** A non-retryable failure: the write must not have been applied. */
        FAILED
    }

    record Attempt(String value, Outcome outcome, long startedNanos, long durationNanos, String error) {
    }

    private final Map<String, List<Attempt>> attemptsByKey = new ConcurrentHashMap<>();

    /** Records an attempt; each key must be written by one thread only. */
    void record(String key, Attempt attempt) {
        attemptsByKey.computeIfAbsent(key, ignored -> Collections.synchronizedList(new ArrayList<>())).add(attempt);
    }

    Map<String, List<Attempt>> attemptsByKey() {
        return new TreeMap<>(attemptsByKey);
    }

    long count(Outcome outcome) {
        return attemptsByKey.values().stream().flatMap(List::stream).filter(a -> a.outcome() == outcome).count();
    }

    long attempts() {
        return attemptsByKey.values().stream().mapToLong(List::size).sum();
    }

    /** Returns the longest time one write call took. */
    Duration longestAttempt() {
        return Duration.ofNanos(attemptsByKey.values().stream().flatMap(List::stream)
                .mapToLong(Attempt::durationNanos).max().orElse(0));
    }

    /** Returns how many writes were acknowledged after {@code nanoTime}. */
    long acknowledgedAfter(long nanoTime) {
        return attemptsByKey.values().stream().flatMap(List::stream)
                .filter(a -> a.outcome() == Outcome.ACKNOWLEDGED && a.startedNanos() > nanoTime).count();
    }

    /** Returns up to {@code limit} distinct error messages, shortened, for reports. */
    List<String> sampleErrors(int limit) {
        return attemptsByKey.values().stream().flatMap(List::stream).map(Attempt::error)
                .filter(Objects::nonNull).map(e -> e.length() > 160 ? e.substring(0, 160) + "..." : e)
                .distinct().limit(limit).toList();
    }

    /**
     * Checks every key's stored value (empty when absent) against the attempts. The stored value must be the last
     * acknowledged one, or one of a later attempt whose outcome was unknown. A key without an acknowledged write
     * may also be absent. Returns one line per violation.
     */
    List<String> check(Function<String, Optional<String>> storedValue) {
        List<String> violations = new ArrayList<>();
        attemptsByKey().forEach((key, attempts) -> {
            Optional<String> stored = storedValue.apply(key);
            Optional<String> problem = checkKey(attempts, stored);
            problem.ifPresent(text -> violations.add("key '" + key + "': " + text));
        });
        return violations;
    }

    private static Optional<String> checkKey(List<Attempt> attempts, Optional<String> stored) {
        int lastAcknowledged = -1;
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).outcome() == Outcome.ACKNOWLEDGED) {
                lastAcknowledged = i;
            }
        }
        if (stored.isEmpty()) {
            return lastAcknowledged < 0 ? Optional.empty()
                    : Optional.of("absent, but '" + attempts.get(lastAcknowledged).value() + "' was acknowledged");
        }

        String value = stored.get();
        int index = -1;
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).value().equals(value)) {
                index = i;
            }
        }
        if (index < 0) {
            return Optional.of("holds '" + value + "', which was never written");
        }
        Attempt attempt = attempts.get(index);
        if (index == lastAcknowledged || (index > lastAcknowledged && attempt.outcome() == Outcome.UNKNOWN)) {
            return Optional.empty();
        }
        if (attempt.outcome() == Outcome.FAILED) {
            return Optional.of("holds '" + value + "', whose write was reported as failed (" + attempt.error() + ")");
        }
        return Optional.of("holds '" + value + "' (" + attempt.outcome() + "), older than the last acknowledged '"
                + attempts.get(lastAcknowledged).value() + "'");
    }
}
