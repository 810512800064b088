package dev.statestore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "120s, PT2M",
        "1m30s, PT1M30S",
        "2h45m10s, PT2H45M10S",
        "1.5h, PT1H30M",
        "500ms, PT0.5S",
        "250us, PT0.00025S",
        "0, PT0S",
        "0s, PT0S",
        "' 90s ', PT1M30S"
    })
    void parsesGoDuration(String text, String expected) {
        assertEquals(Duration.parse(expected), GoDurations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "1x", "-5s", "1m 30s", "two minutes", "1d"})
    void rejectsOtherText(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));

        assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
    }
}
