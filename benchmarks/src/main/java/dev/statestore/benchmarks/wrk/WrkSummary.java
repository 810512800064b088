package dev.statestore.benchmarks.wrk;

import java.util.HashMap;
import java.util.Map;

/**
 * The figures that the benchmark's Lua {@code done} hook prints at the end of a wrk run, on one line that
 * starts with {@value #MARKER}.
 *
 * @param requests responses received, including error statuses
 * @param durationMicros length of the run
 * @param statusErrors responses with a status of 400 or more
 * @param socketErrors connect, read, write and timeout errors
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 */
public record WrkSummary(long requests, long durationMicros, long statusErrors, long socketErrors, long p50Micros,
        long p99Micros) {
    static final String MARKER = "STATESTORE_WRK";

    /** Finds and parses the summary line in wrk's output, or throws with the end of the output. */
    public static WrkSummary parse(String output) {
        for (String line : output.split("\\R")) {
            if (line.startsWith(MARKER + " ")) {
                return parseLine(line);
            }
        }
        String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
        throw new IllegalStateException("wrk printed no '" + MARKER + "' summary line; check that the wrk on PATH "
                + "runs Lua scripts (Debian's package wrk does). Its output ends with:\n" + tail);
    }

    /** Returns responses with a status below 400. */
    public long successes() {
        return requests - statusErrors;
    }

    private static WrkSummary parseLine(String line) {
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(MARKER.length()).trim().split("\\s+")) {
            int separator = pair.indexOf('=');
            if (separator <= 0) {
                throw new IllegalStateException("Malformed wrk summary line '" + line + "'");
            }
            values.put(pair.substring(0, separator), Math.round(Double.parseDouble(pair.substring(separator + 1))));
        }
        return new WrkSummary(value(values, "requests", line), value(values, "duration_us", line),
                value(values, "status_errors", line), value(values, "socket_errors", line),
                value(values, "p50_us", line), value(values, "p99_us", line));
    }

    private static long value(Map<String, Long> values, String name, String line) {
        Long value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("wrk summary line '" + line + "' lacks " + name);
        }
        return value;
    }
}
