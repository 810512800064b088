package dev.statestore.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void advanceMovesInstant() {
        ManualClock clock = new ManualClock(START);

        clock.advance(Duration.ofSeconds(90));

        assertEquals(START.plusSeconds(90), clock.instant());
        assertEquals(START.plusSeconds(90), clock.now());
    }

    @Test
    void clockWithOtherZoneSharesInstant() {
        ManualClock clock = new ManualClock(START);
        Clock zoned = clock.withZone(ZoneId.of("Europe/Warsaw"));

        clock.advance(Duration.ofMinutes(5));

        assertEquals(START.plusSeconds(300), zoned.instant());
        assertEquals(ZoneId.of("Europe/Warsaw"), zoned.getZone());
    }

    @Test
    void negativeStepIsRejected() {
        ManualClock clock = new ManualClock(START);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofSeconds(-1)));

        assertEquals("Invalid clock step PT-1S: a clock only moves forward.", error.getMessage());
        assertEquals(START, clock.instant());
    }
}
