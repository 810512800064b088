package dev.statestore.workerskv.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} (from 1) waits a random time up to
 * {@code min(maxDelay, baseDelay * 2^(n-1))}. Retries stop after {@code maxAttempts} or when the next wait
 * would pass the request's deadline.
 *
 * @param maxAttempts total attempts, the first included
 * @param baseDelay the cap of the first wait
 * @param maxDelay the cap of any wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /** Returns the wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /** Tells whether an HTTP status is worth another attempt: 429 and every 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }
}
