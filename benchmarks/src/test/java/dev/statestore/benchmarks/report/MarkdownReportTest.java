package dev.statestore.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import dev.statestore.benchmarks.micro.MicroResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final RunSettings SETTINGS = new RunSettings(Instant.parse("2026-12-04T10:00:00Z"),
            Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(5), "bundled worker.js", 256,
            Duration.ofSeconds(390), 4.0);
    private static final MachineInfo MACHINE = new MachineInfo("Test CPU @ 2.0GHz", 2, "23.5 GiB", "Linux 6.1 amd64",
            "OpenJDK 64-Bit Server VM 17.0.15", "workerd 2026-11-17", "wrk debian/4.1.0-3+b2");

    @Test
    void reportHasEverySection() {
        List<Measurement> run = ReportFixtures.run();
        String report = MarkdownReport.render(SETTINGS, MACHINE, run, Targets.evaluate(run),
                List.of(new MicroResult("TokenSignerBenchmark.tokenReused", 41.25, 0.5, "ns/op")), "throughput.png");

        assertTrue(report.contains("## Targets"), report);
        assertTrue(report.contains("![Throughput against concurrency](throughput.png)"), report);
        assertTrue(report.contains("## All figures"), report);
        assertTrue(report.contains("| TokenSignerBenchmark.tokenReused | 41.3 | 0.5 | ns/op |"), report);
        assertTrue(report.contains("Test CPU @ 2.0GHz, 2 cores, 23.5 GiB"), report);
        assertTrue(report.contains("Started 2026-12-04T10:00:00Z, took 6 min 30 s"), report);
        assertTrue(report.contains("4 % of all cores"), report);
    }

    @Test
    void measurementRowShowsEveryFigure() {
        Measurement measurement = new Measurement(new Cell("provider", "get", "100 B", "async", 64), 12345, 2, 1.0,
                1.234, 9.876, 150.4, 320.6, 97.2, 4.4);

        String table = MarkdownReport.measurementTable(List.of(measurement));

        assertTrue(table.contains("| provider | get | 100 B | async | 64 | 12,345 | 1.23 | 9.88 | 2 | 150 | 321 | "
                + "97 % | 4 % |"), table);
    }

    @Test
    void notMeasuredFiguresShowADash() {
        Measurement measurement = new Measurement(new Cell("wrk", "no-op route", "100 B", "wrk", 1), 0, 5, 1.0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        String table = MarkdownReport.measurementTable(List.of(measurement));

        assertTrue(table.contains("| 0 | – | – | 5 | – | – | – | – |"), table);
        assertEquals("–", MarkdownReport.format("%.1f", Double.POSITIVE_INFINITY));
    }

    @Test
    void targetTableShowsRatiosAndVerdicts() {
        String table = MarkdownReport.targetTable(Targets.evaluate(ReportFixtures.run()));

        assertTrue(table.contains("| 0.80x | 0.80x | met |"), table);
        assertTrue(table.contains("| 10.0x | 15.0x | met |"), table);
        assertTrue(table.contains("| 5.00x | 2.00x | NOT met |"), table);
    }
}
