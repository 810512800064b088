package dev.statestore.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as Dapr component files write them, in Go's syntax: {@code 90s}, {@code 1m30s}. */
final class GoDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {
    }

    /** Returns the duration, or throws {@link IllegalArgumentException} when the text is not a Go duration. */
    static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        while (matcher.find() && matcher.start() == position) {
            total = total.plus(toDuration(Double.parseDouble(matcher.group(1)), matcher.group(2)));
            position = matcher.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 2m or 1m30s");
        }
        return total;
    }

    private static Duration toDuration(double amount, String unit) {
        double nanosPerUnit = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }
}
