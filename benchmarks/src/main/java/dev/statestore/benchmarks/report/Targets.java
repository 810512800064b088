package dev.statestore.benchmarks.report;

import dev.statestore.benchmarks.Matrix;
import dev.statestore.benchmarks.Matrix.ValueSize;
import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Computes the four performance targets from the measurements of one run. */
public final class Targets {
    static final double PROVIDER_VERSUS_WRK = 0.80;
    static final double AUTHENTICATED_VERSUS_UNAUTHENTICATED = 0.90;
    static final double BULK_SPEED_UP = 10.0;
    static final double TOKEN_REUSE_CPU_CUT = 5.0;

    private Targets() {
    }

    /** Returns the target checks, in a fixed order. */
    public static List<TargetCheck> evaluate(List<Measurement> measurements) {
        int high = Matrix.HIGH_CONCURRENCY;
        List<TargetCheck> checks = new ArrayList<>();

        Optional<Measurement> providerAsync = find(measurements,
                Matrix.cell(Matrix.PROVIDER, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC, high));
        Optional<Measurement> providerBlocking = find(measurements,
                Matrix.cell(Matrix.PROVIDER, Matrix.GET, ValueSize.SMALL, Matrix.BLOCKING, high));
        Optional<Measurement> wrkAuthenticated = find(measurements,
                Matrix.cell(Matrix.WRK, Matrix.AUTHENTICATED_GET, ValueSize.SMALL, Matrix.WRK_MODE, high));
        String blockingNote = providerBlocking
                .map(m -> String.format("; provider blocking (%d threads): %,.0f ops/s", high, m.throughput()))
                .orElse("");
        String cpuNote = cpuNote("client CPU per get", providerAsync, wrkAuthenticated,
                Measurement::clientCpuMicrosPerOp);
        checks.add(throughputRatio("Provider get (async, 64 in flight, 100 B) >= 80% of wrk's throughput on the "
                + "same Worker route at 64 connections", PROVIDER_VERSUS_WRK, providerAsync, wrkAuthenticated,
                blockingNote + cpuNote));

        Optional<Measurement> pairAuthenticated = combine(measurements, Matrix.cell(Matrix.WRK_AUTHENTICATION_PAIR,
                Matrix.AUTHENTICATED_GET, ValueSize.SMALL, Matrix.WRK_MODE, high));
        Optional<Measurement> pairUnauthenticated = combine(measurements, Matrix.cell(
                Matrix.WRK_AUTHENTICATION_PAIR, Matrix.UNAUTHENTICATED_GET, ValueSize.SMALL, Matrix.WRK_MODE, high));
        checks.add(throughputRatio("Worker's authenticated get >= 90% of the same get with authentication removed "
                + "(wrk, 64 connections, all rounds of each side added up)", AUTHENTICATED_VERSUS_UNAUTHENTICATED,
                pairAuthenticated, pairUnauthenticated, cpuNote("workerd CPU per get", pairAuthenticated,
                        pairUnauthenticated, Measurement::workerdCpuMicrosPerOp)));

        Optional<Measurement> bulkGet = find(measurements,
                Matrix.cell(Matrix.PROVIDER_BULK, Matrix.BULK_GET, ValueSize.SMALL, Matrix.BLOCKING, 1));
        Optional<Measurement> sequentialGets = find(measurements,
                Matrix.cell(Matrix.PROVIDER_BULK, Matrix.SEQUENTIAL_GETS, ValueSize.SMALL, Matrix.BLOCKING, 1));
        checks.add(throughputRatio("A bulk get of 100 keys >= 10x faster than 100 sequential gets",
                BULK_SPEED_UP, bulkGet, sequentialGets, ""));

        Optional<Measurement> reused = find(measurements,
                Matrix.cell(Matrix.CLIENT_TOKEN_REUSED, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC,
                        Matrix.TOKEN_REUSE_CONCURRENCY));
        Optional<Measurement> perRequest = find(measurements,
                Matrix.cell(Matrix.CLIENT_TOKEN_PER_REQUEST, Matrix.GET, ValueSize.SMALL, Matrix.ASYNC,
                        Matrix.TOKEN_REUSE_CONCURRENCY));
        checks.add(cpuRatio(reused, perRequest));
        return checks;
    }

    /**
     * Returns the measurements of {@code cell} added up as one: operations, errors and seconds summed, CPU per
     * operation weighted by operations, and latency percentiles left out (NaN), because they cannot be added.
     */
    static Optional<Measurement> combine(List<Measurement> measurements, Cell cell) {
        List<Measurement> matching = measurements.stream().filter(m -> m.cell().equals(cell)).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        long operations = matching.stream().mapToLong(Measurement::operations).sum();
        long errors = matching.stream().mapToLong(Measurement::errors).sum();
        double seconds = matching.stream().mapToDouble(Measurement::seconds).sum();
        double machine = matching.stream().mapToDouble(m -> m.machineCpuPercent() * m.seconds()).sum() / seconds;
        double other = matching.stream().mapToDouble(m -> m.otherCpuPercent() * m.seconds()).sum() / seconds;
        return Optional.of(new Measurement(cell, operations, errors, seconds, Double.NaN, Double.NaN,
                weighted(matching, Measurement::clientCpuMicrosPerOp, operations),
                weighted(matching, Measurement::workerdCpuMicrosPerOp, operations), machine, other));
    }

    private static double weighted(List<Measurement> measurements, ToDoubleFunction<Measurement> perOperation,
            long operations) {
        if (operations == 0) {
            return Double.NaN;
        }
        return measurements.stream().mapToDouble(m -> perOperation.applyAsDouble(m) * m.operations()).sum()
                / operations;
    }

    /** Returns the measurement of exactly {@code cell}, if the run has one. */
    public static Optional<Measurement> find(List<Measurement> measurements, Cell cell) {
        return measurements.stream().filter(m -> m.cell().equals(cell)).findFirst();
    }

    /**
     * Returns a note comparing one CPU figure of two cells, such as {@code ; client CPU per get: 900 µs against
     * 30 µs}, or an empty string when either is missing. Unlike throughput, CPU time per operation changes little
     * when other processes compete for the cores.
     */
    private static String cpuNote(String figure, Optional<Measurement> first, Optional<Measurement> second,
            ToDoubleFunction<Measurement> cpu) {
        if (first.isEmpty() || second.isEmpty() || Double.isNaN(cpu.applyAsDouble(first.get()))
                || Double.isNaN(cpu.applyAsDouble(second.get()))) {
            return "";
        }
        return String.format("; %s: %.0f µs against %.0f µs", figure, cpu.applyAsDouble(first.get()),
                cpu.applyAsDouble(second.get()));
    }

    private static TargetCheck throughputRatio(String target, double required, Optional<Measurement> numerator,
            Optional<Measurement> denominator, String note) {
        if (numerator.isEmpty() || denominator.isEmpty() || denominator.get().throughput() <= 0) {
            return new TargetCheck(target, required, Double.NaN, "a cell it needs was not run" + note);
        }
        Measurement top = numerator.get();
        Measurement bottom = denominator.get();
        String evidence = String.format("%s: %,.0f ops/s%s; %s: %,.0f ops/s%s%s", top.cell().describe(),
                top.throughput(), rounds(top), bottom.cell().describe(), bottom.throughput(), rounds(bottom), note);
        return new TargetCheck(target, required, top.throughput() / bottom.throughput(), evidence);
    }

    private static String rounds(Measurement measurement) {
        return Double.isNaN(measurement.p50Millis()) ? String.format(" over %.0f s", measurement.seconds()) : "";
    }

    private static TargetCheck cpuRatio(Optional<Measurement> reused, Optional<Measurement> perRequest) {
        String target = "Token reuse cuts client CPU per operation >= 5x (WorkerClient get, 100 B, async, 16 in "
                + "flight)";
        if (reused.isEmpty() || perRequest.isEmpty() || !(reused.get().clientCpuMicrosPerOp() > 0)
                || Double.isNaN(perRequest.get().clientCpuMicrosPerOp())) {
            return new TargetCheck(target, TOKEN_REUSE_CPU_CUT, Double.NaN, "a cell it needs was not run");
        }
        double withReuse = reused.get().clientCpuMicrosPerOp();
        double withoutReuse = perRequest.get().clientCpuMicrosPerOp();
        String evidence = String.format("client CPU per get: %.1f µs with a token per request, %.1f µs with reuse",
                withoutReuse, withReuse);
        return new TargetCheck(target, TOKEN_REUSE_CPU_CUT, withoutReuse / withReuse, evidence);
    }
}
