package dev.statestore.benchmarks.wrk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.benchmarks.cpu.CpuUsage;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WrkTest {
    // Output of Debian's wrk 4.1.0 with the benchmark's Lua script, captured on 127.0.0.1.
    private static final String OUTPUT = """
            Running 5s test @ http://127.0.0.1:37833/kv/0f2ac74b498b48028cb68387c421e279/bench-small-00000
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    20.51ms   10.77ms  73.91ms   68.43%
                Req/Sec     1.61k   312.45     2.21k    70.00%
              16038 requests in 5.01s, 3.27MB read
              Non-2xx or 3xx responses: 38
            Requests/sec:   3200.12
            Transfer/sec:    668.44KB
            STATESTORE_WRK requests=16038 duration_us=5011842 status_errors=38 socket_errors=2 p50_us=17770 p99_us=73910
            """;

    @Test
    void summaryLineIsParsed() {
        WrkSummary summary = WrkSummary.parse(OUTPUT);

        assertEquals(16038, summary.requests());
        assertEquals(5011842, summary.durationMicros());
        assertEquals(38, summary.statusErrors());
        assertEquals(2, summary.socketErrors());
        assertEquals(17770, summary.p50Micros());
        assertEquals(73910, summary.p99Micros());
        assertEquals(16000, summary.successes());
    }

    @Test
    void measurementCountsOnlySuccesses() {
        Cell cell = new Cell("wrk", "authenticated get", "100 B", "wrk", 64);

        Measurement measurement = Wrk.toMeasurement(cell, WrkSummary.parse(OUTPUT),
                new CpuUsage(30, 400, 90, 5));

        assertEquals(16000, measurement.operations());
        assertEquals(40, measurement.errors());
        assertEquals(16000 / 5.011842, measurement.throughput(), 1e-6);
        assertEquals(17.77, measurement.p50Millis(), 1e-9);
        assertEquals(73.91, measurement.p99Millis(), 1e-9);
    }

    @Test
    void missingSummaryLineIsReported() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> WrkSummary.parse("unable to connect to 127.0.0.1:1 Connection refused\n"));

        assertTrue(error.getMessage().contains("Connection refused"), error.getMessage());
        assertTrue(error.getMessage().contains("STATESTORE_WRK"), error.getMessage());
    }

    @Test
    void incompleteSummaryLineIsReported() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> WrkSummary.parse("STATESTORE_WRK requests=10 duration_us=5\n"));

        assertTrue(error.getMessage().contains("lacks status_errors"), error.getMessage());
    }

    @Test
    void luaScriptCarriesTokenOnlyWhenGiven() {
        String withToken = Wrk.luaScript(Optional.of("aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJl"));
        String withoutToken = Wrk.luaScript(Optional.empty());

        assertTrue(withToken.contains("wrk.headers[\"Authorization\"] = \"Bearer aGVhZGVy.cGF5bG9hZA.c2lnbmF0dXJl\""),
                withToken);
        assertFalse(withoutToken.contains("Authorization"), withoutToken);
        assertTrue(withoutToken.contains("done = function(summary, latency, requests)"), withoutToken);
        assertTrue(withoutToken.contains("STATESTORE_WRK requests=%.0f"), withoutToken);
    }

    @Test
    void tokenThatCouldBreakTheScriptIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Wrk.luaScript(Optional.of("secret\" os.execute(\"x")));

        assertFalse(error.getMessage().contains("secret"), "the message must not echo the token");
    }
}
