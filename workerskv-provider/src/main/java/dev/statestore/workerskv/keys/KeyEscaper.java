package dev.statestore.workerskv.keys;

import dev.statestore.api.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Converts keys to the form Workers KV stores them in, which is the form Dapr's Worker stores: every UTF-8 byte
 * written as {@code %XX} (upper-case hex) except ASCII letters, digits, {@code - _ . ~} and
 * {@code $ & + : = @}. This is the escaping of Go's {@code url.PathEscape}, which Dapr's client applies and
 * Dapr's Worker does not undo, so the same application key lands on the same KV entry with either project.
 */
public final class KeyEscaper {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyEscaper() {
    }

    /** Returns the stored form of {@code key}, or throws when KV cannot store it. */
    public static String escape(String key) {
        checkKey(key);
        String escaped = escapeUnchecked(key);
        if (escaped.length() > KvLimits.MAX_KEY_BYTES) {
            throw new InvalidRequestException("Key '" + abbreviate(key) + "' is too long: "
                    + key.getBytes(StandardCharsets.UTF_8).length + " bytes of UTF-8, " + escaped.length()
                    + " bytes once escaped for storage, and Workers KV takes at most " + KvLimits.MAX_KEY_BYTES
                    + " escaped bytes. Use a shorter key.");
        }
        return escaped;
    }

    /** Returns the escaped form without checking the key, for prefixes. */
    public static String escapeUnchecked(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Returns the application key for a stored name, or the name itself when it is not a valid escaped form
     * (an entry written by some other client).
     */
    public static String unescape(String stored) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '%') {
                if (i + 2 >= stored.length() || Character.digit(stored.charAt(i + 1), 16) < 0
                        || Character.digit(stored.charAt(i + 2), 16) < 0) {
                    return stored;
                }
                bytes.write(Character.digit(stored.charAt(i + 1), 16) * 16 + Character.digit(stored.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return stored;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Rejects keys that no URL can carry: empty, {@code .} and {@code ..} path segments are removed by parsers. */
    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidRequestException("Invalid key '': Workers KV keys must not be empty.");
        }
        if (key.equals(".") || key.equals("..")) {
            throw new InvalidRequestException("Invalid key '" + key + "': Workers KV does not allow the keys "
                    + "'.' and '..'; choose another key.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // UTF-8 cannot encode a lone surrogate; Java would write '?', and two keys would collide.
                throw new InvalidRequestException("Invalid key '" + key.replace(c, '\uFFFD') + "': it contains an "
                        + "unpaired UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + ") at index " + i
                        + ", which UTF-8 cannot encode; use well-formed Unicode text.");
            }
        }
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~'
                || c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@';
    }

    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
