package dev.statestore.benchmarks.cpu;

/**
 * CPU counters read at one instant. A counter that cannot be read on this machine is -1.
 *
 * @param processCpuNanos CPU time of this JVM
 * @param reapedChildrenCpuNanos CPU time of this JVM's child processes that have ended and been waited for
 * @param workerdCpuNanos CPU time of the workerd process under test
 * @param machineBusyNanos busy time of all cores together
 * @param machineTotalNanos elapsed time of all cores together, busy or idle
 */
public record CpuSnapshot(long processCpuNanos, long reapedChildrenCpuNanos, long workerdCpuNanos,
        long machineBusyNanos, long machineTotalNanos) {
}
