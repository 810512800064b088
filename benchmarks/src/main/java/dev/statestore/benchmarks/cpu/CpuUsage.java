package dev.statestore.benchmarks.cpu;

/**
 * CPU use over one measured interval. A figure that was not measured is {@link Double#NaN}.
 *
 * @param clientMicrosPerOp CPU time of the load generator per operation, in microseconds
 * @param workerdMicrosPerOp CPU time of workerd per operation, in microseconds
 * @param machinePercent share of all cores busy, 0 to 100
 * @param otherPercent share of all cores busy with neither the load generator nor workerd, 0 to 100: other
 *     processes on the machine, which disturb the measurement
 */
public record CpuUsage(double clientMicrosPerOp, double workerdMicrosPerOp, double machinePercent,
        double otherPercent) {
}
