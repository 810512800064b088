package dev.statestore.benchmarks.load;

/**
 * The result of one cell. Figures that were not measured are {@link Double#NaN}.
 *
 * @param cell what was measured
 * @param operations operations that succeeded in the measured interval
 * @param errors operations that failed in the measured interval
 * @param seconds length of the measured interval, up to the completion of its last operation
 * @param p50Millis median latency of the successful operations, in milliseconds
 * @param p99Millis 99th percentile latency of the successful operations, in milliseconds
 * @param clientCpuMicrosPerOp CPU time of the load generator per successful operation, in microseconds
 * @param workerdCpuMicrosPerOp CPU time of the workerd process per successful operation, in microseconds
 * @param machineCpuPercent share of all cores busy during the interval, 0 to 100
 * @param otherCpuPercent share of all cores busy with other processes than the load generator and workerd
 */
public record Measurement(Cell cell, long operations, long errors, double seconds, double p50Millis,
        double p99Millis, double clientCpuMicrosPerOp, double workerdCpuMicrosPerOp, double machineCpuPercent,
        double otherCpuPercent) {

    /** Returns successful operations per second, or 0 when the interval is empty. */
    public double throughput() {
        return seconds > 0 ? operations / seconds : 0;
    }

    /** Returns the figures on one line for progress logs. */
    public String summary() {
        return String.format("%s: %,.0f ops/s, p50 %.2f ms, p99 %.2f ms, %d errors, client CPU %.0f µs/op, "
                + "workerd CPU %.0f µs/op, machine CPU %.0f%% (other processes %.0f%%)", cell.describe(), throughput(),
                p50Millis, p99Millis, errors, clientCpuMicrosPerOp, workerdCpuMicrosPerOp, machineCpuPercent,
                otherCpuPercent);
    }
}
