package dev.statestore.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statestore.benchmarks.Matrix;
import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void ratiosComeFromTheNamedCells() {
        List<TargetCheck> checks = Targets.evaluate(ReportFixtures.run());

        assertEquals(4, checks.size());
        assertEquals(6400.0 / 8000, checks.get(0).ratio(), 1e-9, "provider async c=64 over wrk c=64");
        assertEquals(0.8, checks.get(1).ratio(), 1e-9, "both authenticated rounds over both unauthenticated ones");
        assertEquals(15.0, checks.get(2).ratio(), 1e-9, "bulk get over sequential gets");
        assertEquals(2.0, checks.get(3).ratio(), 1e-9, "CPU per request without reuse over with reuse");
    }

    @Test
    void verdictsCompareWithTheRequiredRatio() {
        List<TargetCheck> checks = Targets.evaluate(ReportFixtures.run());

        assertTrue(checks.get(0).met(), "0.80 meets >= 0.80");
        assertFalse(checks.get(1).met(), "0.80 misses >= 0.90");
        assertTrue(checks.get(2).met(), "15x meets >= 10x");
        assertFalse(checks.get(3).met(), "2x misses >= 5x");
        assertEquals("NOT met", checks.get(3).verdict());
    }

    @Test
    void evidenceNamesBothCellsAndTheBlockingFigure() {
        TargetCheck providerVersusWrk = Targets.evaluate(ReportFixtures.run()).get(0);

        assertTrue(providerVersusWrk.evidence().contains("provider get 100 B async c=64: 6,400 ops/s"),
                providerVersusWrk.evidence());
        assertTrue(providerVersusWrk.evidence().contains("wrk authenticated get 100 B wrk c=64: 8,000 ops/s"),
                providerVersusWrk.evidence());
        assertTrue(providerVersusWrk.evidence().contains("provider blocking (64 threads): 5,000 ops/s"),
                providerVersusWrk.evidence());
        assertTrue(providerVersusWrk.evidence().contains("client CPU per get: 200 µs against 30 µs"),
                providerVersusWrk.evidence());
    }

    @Test
    void authenticationEvidenceComparesWorkerdCpu() {
        TargetCheck authentication = Targets.evaluate(ReportFixtures.run()).get(1);

        assertTrue(authentication.evidence().contains("workerd CPU per get: 300 µs against 300 µs"),
                authentication.evidence());
        assertTrue(authentication.evidence().contains("4,000 ops/s over 2 s"), authentication.evidence());
    }

    @Test
    void combinedRoundsAddUp() {
        Cell cell = Matrix.cell(Matrix.WRK_AUTHENTICATION_PAIR, Matrix.AUTHENTICATED_GET, ValueSize.SMALL,
                Matrix.WRK_MODE, 64);
        List<Measurement> rounds = List.of(
                new Measurement(cell, 1000, 1, 1.0, 5, 9, 30, 200, 90, 10),
                new Measurement(cell, 3000, 2, 2.0, 6, 8, 40, 400, 100, 40));

        Measurement combined = Targets.combine(rounds, cell).orElseThrow();

        assertEquals(4000, combined.operations());
        assertEquals(3, combined.errors());
        assertEquals(3.0, combined.seconds(), 1e-9);
        assertEquals(37.5, combined.clientCpuMicrosPerOp(), 1e-9);
        assertEquals(350.0, combined.workerdCpuMicrosPerOp(), 1e-9);
        assertEquals(290.0 / 3, combined.machineCpuPercent(), 1e-9);
        assertEquals(30.0, combined.otherCpuPercent(), 1e-9);
        assertTrue(Double.isNaN(combined.p50Millis()), "percentiles cannot be added");
    }

    @Test
    void missingCellsGiveNotMeasured() {
        List<TargetCheck> checks = Targets.evaluate(List.of());

        assertEquals(4, checks.size());
        for (TargetCheck check : checks) {
            assertFalse(check.measured(), check.target());
            assertEquals("not measured", check.verdict());
        }
    }
}
