package dev.statestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetRequestTest {
    private static final byte[] VALUE = "secret-value-7f3a".getBytes(StandardCharsets.UTF_8);

    private static SetRequest withTtlMetadata(String ttlInSeconds) {
        return SetRequest.builder("k1", VALUE).metadata(Map.of(SetRequest.TTL_IN_SECONDS, ttlInSeconds)).build();
    }

    @Test
    void effectiveTtlEmptyWithoutAnyTtl() {
        assertEquals(Optional.empty(), SetRequest.of("k1", VALUE).effectiveTtl());
    }

    @Test
    void effectiveTtlFromBuilder() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(Duration.ofSeconds(90)).build();

        assertEquals(Optional.of(Duration.ofSeconds(90)), request.effectiveTtl());
    }

    @Test
    void effectiveTtlFromMetadata() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), withTtlMetadata("120").effectiveTtl());
    }

    @Test
    void effectiveTtlMetadataTrimmed() {
        assertEquals(Optional.of(Duration.ofSeconds(75)), withTtlMetadata(" 75 ").effectiveTtl());
    }

    @Test
    void effectiveTtlMinusOneMeansNoExpiry() {
        assertEquals(Optional.empty(), withTtlMetadata("-1").effectiveTtl());
    }

    @Test
    void effectiveTtlRejectsNegative() {
        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> withTtlMetadata("-2").effectiveTtl());

        assertTrue(error.getMessage().contains("ttlInSeconds"), error.getMessage());
        assertTrue(error.getMessage().contains("-2"), error.getMessage());
        assertTrue(error.getMessage().contains("'k1'"), error.getMessage());
    }

    @Test
    void effectiveTtlRejectsNonNumeric() {
        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> withTtlMetadata("ten").effectiveTtl());

        assertTrue(error.getMessage().contains("ttlInSeconds"), error.getMessage());
        assertTrue(error.getMessage().contains("'ten'"), error.getMessage());
        assertTrue(error.getMessage().contains("'k1'"), error.getMessage());
    }

    @Test
    void effectiveTtlRejectsFraction() {
        assertThrows(InvalidRequestException.class, () -> withTtlMetadata("1.5").effectiveTtl());
    }

    @Test
    void effectiveTtlRejectsConflict() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(Duration.ofSeconds(60))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, "120")).build();

        InvalidRequestException error = assertThrows(InvalidRequestException.class, request::effectiveTtl);

        assertTrue(error.getMessage().contains("Conflicting"), error.getMessage());
        assertTrue(error.getMessage().contains("PT1M"), error.getMessage());
        assertTrue(error.getMessage().contains("ttlInSeconds=120"), error.getMessage());
    }

    @Test
    void effectiveTtlMinusOneConflicts() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(Duration.ofSeconds(60))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, "-1")).build();

        assertThrows(InvalidRequestException.class, request::effectiveTtl);
    }

    @Test
    void effectiveTtlAcceptsAgreeingSources() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(Duration.ofSeconds(60))
                .metadata(Map.of(SetRequest.TTL_IN_SECONDS, "60")).build();

        assertEquals(Optional.of(Duration.ofSeconds(60)), request.effectiveTtl());
    }

    @Test
    void builderRejectsZeroTtl() {
        SetRequest.Builder builder = SetRequest.builder("k1", VALUE);

        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> builder.ttl(Duration.ZERO));

        assertTrue(error.getMessage().contains("PT0S"), error.getMessage());
        assertTrue(error.getMessage().contains("'k1'"), error.getMessage());
    }

    @Test
    void builderRejectsNegativeTtl() {
        SetRequest.Builder builder = SetRequest.builder("k1", VALUE);

        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> builder.ttl(Duration.ofSeconds(-5)));

        assertTrue(error.getMessage().contains("PT-5S"), error.getMessage());
    }

    @Test
    void builderAcceptsNullTtl() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(null).build();

        assertEquals(Optional.empty(), request.ttl());
    }

    @Test
    void valueCopiedOnBuild() {
        byte[] input = VALUE.clone();
        SetRequest request = SetRequest.of("k1", input);

        input[0] = 'X';

        assertArrayEquals(VALUE, request.value());
    }

    @Test
    void valueCopiedOnRead() {
        SetRequest request = SetRequest.of("k1", VALUE.clone());

        request.value()[0] = 'X';

        assertArrayEquals(VALUE, request.value());
    }

    @Test
    void toStringOmitsValue() {
        SetRequest request = SetRequest.builder("k1", VALUE).ttl(Duration.ofSeconds(60)).build();

        String text = request.toString();

        assertFalse(text.contains("secret-value-7f3a"), text);
        assertTrue(text.contains("k1"), text);
        assertTrue(text.contains("valueLength=" + VALUE.length), text);
    }

    @Test
    void toBuilderKeepsEveryField() {
        SetRequest request = SetRequest.builder("k1", VALUE).etag("3").concurrency(Concurrency.FIRST_WRITE)
                .consistency(Consistency.STRONG).ttl(Duration.ofSeconds(60)).contentType("text/plain")
                .metadata(Map.of("a", "b")).build();

        assertEquals(request, request.toBuilder().build());
    }
}
