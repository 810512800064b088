package dev.statestore.benchmarks;

import dev.statestore.benchmarks.Matrix.ValueSize;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The keys and the value of one value size. Keys are plain ASCII, so escaping leaves them unchanged, and are
 * built once so that the load loops spend no time formatting them. Values come from a fixed seed.
 */
final class KeySpace {
    private final ValueSize size;
    private final String[] keys;
    private final byte[] value;

    KeySpace(ValueSize size, int count) {
        if (count < Matrix.BULK_KEYS) {
            throw new IllegalArgumentException("A key space needs at least " + Matrix.BULK_KEYS
                    + " keys for the bulk cells, not " + count);
        }
        this.size = size;
        this.keys = new String[count];
        String prefix = "bench-" + size.name().toLowerCase(Locale.ROOT) + "-";
        for (int i = 0; i < count; i++) {
            keys[i] = prefix + String.format(Locale.ROOT, "%05d", i);
        }
        this.value = new byte[size.bytes()];
        new Random(size.bytes()).nextBytes(value);
    }

    ValueSize size() {
        return size;
    }

    /** Returns the key of operation number {@code sequence}, cycling through all keys. */
    String key(long sequence) {
        return keys[(int) (sequence % keys.length)];
    }

    /** Returns the first {@code count} keys. */
    List<String> firstKeys(int count) {
        return Arrays.asList(Arrays.copyOf(keys, count));
    }

    List<String> allKeys() {
        return List.of(keys);
    }

    /** Returns the shared value; callers must not change it. */
    byte[] value() {
        return value;
    }
}
