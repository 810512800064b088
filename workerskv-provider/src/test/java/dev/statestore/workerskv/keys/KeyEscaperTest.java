package dev.statestore.workerskv.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.api.InvalidRequestException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyEscaperTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "plain                 | plain",
        "with space            | with%20space",
        "a/b                   | a%2Fb",
        "x^y                   | x%5Ey",
        "...                   | ...",
        "ń.html                | %C5%84.html",
        "%C5%84                | %25C5%2584",
        "q?x=1#frag            | q%3Fx=1%23frag",
        "$&+:=@!'()*,;         | $&+:=@%21%27%28%29%2A%2C%3B",
        "\"orders||k1\"        | orders%7C%7Ck1",
        "AZaz09-_.~            | AZaz09-_.~",
        "😀                    | %F0%9F%98%80",
        "\"a\\b\"              | a%5Cb"
    })
    void escapesLikeGoPathEscape(String key, String stored) {
        assertEquals(stored, KeyEscaper.escape(key));
    }

    @Test
    void escapesControlCharacters() {
        assertEquals("a%0Ab%00c%7F", KeyEscaper.escape("a\nb\u0000c\u007F"));
    }

    @Test
    void emptyKeyRejected() {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape(""));

        assertTrue(error.getMessage().contains("must not be empty"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotSegmentsRejected(String key) {
        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape(key));

        assertTrue(error.getMessage().contains("'" + key + "'"), error.getMessage());
    }

    @Test
    void nullKeyRejected() {
        assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape(null));
    }

    @Test
    void maxLengthAccepted() {
        String key = "k".repeat(512);

        assertEquals(key, KeyEscaper.escape(key));
    }

    @Test
    void overMaxLengthRejected() {
        InvalidRequestException error =
                assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape("k".repeat(513)));

        assertTrue(error.getMessage().contains("513"), error.getMessage());
    }

    @Test
    void limitCountsEscapedForm() {
        String key = "中".repeat(57);

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape(key));

        assertTrue(error.getMessage().contains("171 bytes of UTF-8"), error.getMessage());
        assertTrue(error.getMessage().contains("513 bytes once escaped"), error.getMessage());
        assertTrue(error.getMessage().contains("512"), error.getMessage());
    }

    @Test
    void escapedFormJustUnderLimit() {
        assertEquals(504, KeyEscaper.escape("中".repeat(56)).length());
    }

    @Test
    void longKeyAbbreviatedInMessage() {
        String key = "k".repeat(40) + "TAIL".repeat(200);

        InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> KeyEscaper.escape(key));

        assertTrue(error.getMessage().contains("k".repeat(40) + "..."), error.getMessage());
        assertTrue(!error.getMessage().contains("TAIL"), error.getMessage());
    }

    @Test
    void unescapeInvertsEscape() {
        Random random = new Random(20240611);
        for (int round = 0; round < 5_000; round++) {
            String key = randomString(random, random.nextInt(24));

            String stored = KeyEscaper.escapeUnchecked(key);

            assertEquals(key, KeyEscaper.unescape(stored), () -> "round trip of " + codePoints(key));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"100%", "%zz", "%4", "a%2", "ń", "plain"})
    void unescapeLeavesForeignNames(String stored) {
        assertEquals(stored, KeyEscaper.unescape(stored));
    }

    @Test
    void unescapeDecodesLowerCaseHex() {
        assertEquals("a/b", KeyEscaper.unescape("a%2fb"));
    }

    /**
     * Returns a string of random code points drawn from ASCII, Latin-1, the rest of the Basic Multilingual Plane
     * without surrogates, and the supplementary planes, so every UTF-8 length from 1 to 4 bytes occurs.
     */
    private static String randomString(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint;
            switch (random.nextInt(4)) {
                case 0 -> codePoint = random.nextInt(0x80);
                case 1 -> codePoint = 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> {
                    do {
                        codePoint = 0x800 + random.nextInt(0x10000 - 0x800);
                    } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
                }
                default -> codePoint = 0x10000 + random.nextInt(0x110000 - 0x10000);
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String codePoints(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(codePoint -> out.append(String.format("U+%04X ", codePoint)));
        return out.toString().trim();
    }
}
