package dev.statestore.workerskv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
    private static final int SAMPLES = 500;

    @Test
    void defaultDelayWithinExponentialCap() {
        long[] caps = {50, 100, 200, 400, 800, 1_600};
        for (int attempt = 1; attempt <= 40; attempt++) {
            long cap = attempt <= caps.length ? caps[attempt - 1] : 2_000;
            for (int sample = 0; sample < SAMPLES; sample++) {
                long delay = RetryPolicy.DEFAULT.delayAfter(attempt).toMillis();

                assertTrue(delay >= 0, "attempt " + attempt + " delay " + delay);
                assertTrue(delay <= cap, "attempt " + attempt + " delay " + delay + " over cap " + cap);
            }
        }
    }

    @Test
    void firstDelayWithinBase() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(10));
        for (int sample = 0; sample < SAMPLES; sample++) {
            assertTrue(policy.delayAfter(1).toMillis() <= 100);
        }
    }

    @Test
    void lateDelayWithinMax() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(100), Duration.ofMillis(750));
        for (int sample = 0; sample < SAMPLES; sample++) {
            assertTrue(policy.delayAfter(90).toMillis() <= 750);
        }
    }

    @Test
    void delayJittered() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1_000), Duration.ofMillis(1_000));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int sample = 0; sample < SAMPLES; sample++) {
            long delay = policy.delayAfter(1).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }

        // With 500 uniform samples from 0..1000 ms, a range under 500 ms has a probability below 1e-140.
        assertTrue(max - min > 500, "delays ranged only from " + min + " to " + max);
    }

    @Test
    void noneNeverWaits() {
        assertEquals(Duration.ZERO, RetryPolicy.NONE.delayAfter(1));
        assertEquals(1, RetryPolicy.NONE.maxAttempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void retryableStatuses(int status) {
        assertTrue(RetryPolicy.isRetryableStatus(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 400, 401, 403, 404, 412, 413})
    void finalStatuses(int status) {
        assertFalse(RetryPolicy.isRetryableStatus(status));
    }
}
