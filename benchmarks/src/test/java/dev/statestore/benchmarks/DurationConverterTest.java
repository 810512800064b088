package dev.statestore.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void unitsAndIsoFormAreParsed() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("PT3S"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0s"));
    }

    @Test
    void invalidDurationNamesValueAndFix() {
        TypeConversionException error = assertThrows(TypeConversionException.class,
                () -> DurationConverter.parse("5x"));

        assertTrue(error.getMessage().contains("'5x'"), error.getMessage());
        assertTrue(error.getMessage().contains("such as 500ms, 10s or 2m"), error.getMessage());
    }
}
