package dev.statestore.conformance.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.Feature;
import dev.statestore.api.StateItem;
import dev.statestore.api.StateStore;
import dev.statestore.api.StateStoreException;
import dev.statestore.api.UnsupportedFeatureException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.function.Executable;

/** Values and assertions that several scenario groups share. */
final class ScenarioChecks {
    /** Upper bound for waiting on one asynchronous call; a healthy local store responds in milliseconds. */
    static final long ASYNC_TIMEOUT_SECONDS = 60;

    private ScenarioChecks() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns {@code length} pseudo-random bytes; the same seed gives the same bytes. */
    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Returns a key short enough for a test name: long keys are cut, and control characters escaped. */
    static String describeKey(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(24).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        int length = key.codePointCount(0, key.length());
        return "'" + out + "'" + (length > 24 ? "... (" + length + " chars)" : "");
    }

    /** Asserts that the value of {@code key} equals {@code expected} and returns the item. */
    static StateItem assertStored(StateStore store, String key, byte[] expected) {
        Optional<StateItem> item = store.get(key);
        assertTrue(item.isPresent(), () -> "key " + describeKey(key) + " should be present");
        assertArrayEquals(expected, item.get().value(), () -> "value of key " + describeKey(key));
        assertEquals(key, item.get().key(), "the item should carry the requested key");
        return item.get();
    }

    static void assertAbsent(StateStore store, String key) {
        Optional<StateItem> item = store.get(key);
        assertFalse(item.isPresent(), () -> "key " + describeKey(key) + " should be absent, but contains "
                + item.map(StateItem::valueLength).orElse(0) + " bytes");
    }

    /** Asserts that {@code call} fails with {@link UnsupportedFeatureException} for {@code feature}. */
    static UnsupportedFeatureException assertUnsupported(Feature feature, Executable call) {
        UnsupportedFeatureException error = assertThrows(UnsupportedFeatureException.class, call,
                () -> "a request that needs the undeclared feature " + feature
                        + " must be rejected with UnsupportedFeatureException, not ignored");
        assertEquals(feature, error.feature(), "feature named by the exception");
        assertMessage(error);
        return error;
    }

    /** Asserts that an error has a message to show a user. */
    static void assertMessage(Throwable error) {
        assertNotNull(error.getMessage(), () -> error.getClass().getSimpleName() + " without a message");
        assertFalse(error.getMessage().isBlank(), () -> error.getClass().getSimpleName() + " with a blank message");
    }

    /** Waits for {@code future} and returns its value, failing the scenario when it fails or hangs. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("asynchronous call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("asynchronous call did not complete within " + ASYNC_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an asynchronous call", e);
        }
    }

    /**
     * Waits for {@code future} to fail and returns the cause, unwrapped from the future's own wrapper; fails the
     * scenario when the future succeeds.
     */
    static Throwable awaitFailure(CompletableFuture<?> future) {
        try {
            Object value = future.get(ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("asynchronous call should have failed, but returned " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (TimeoutException e) {
            throw new AssertionError("asynchronous call did not complete within " + ASYNC_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an asynchronous call", e);
        }
    }

    /** Asserts that {@code error} is a {@code type}, with the error itself as the failure's cause. */
    static <T extends StateStoreException> T assertErrorType(Class<T> type, Throwable error) {
        if (!type.isInstance(error)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + error, error);
        }
        return type.cast(error);
    }
}
