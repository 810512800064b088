package dev.statestore.benchmarks.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the CPU time of the load generator, of the workerd process under test and of the whole machine,
 * and turns two snapshots into figures per operation. Process CPU time of this JVM comes from
 * {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime()}, so it includes the JIT compiler and
 * the garbage collector. The other counters come from Linux's {@code /proc} and are -1 elsewhere.
 */
public final class CpuMeter {
    private static final Logger LOG = LoggerFactory.getLogger(CpuMeter.class);
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path MACHINE_STAT = Path.of("/proc/stat");

    private final long workerdPid;
    private final long nanosPerTick;

    /** Creates a meter of this JVM, the machine and the workerd process {@code workerdPid} (-1 for none). */
    public CpuMeter(long workerdPid) {
        this.workerdPid = workerdPid;
        this.nanosPerTick = TimeUnit.SECONDS.toNanos(1) / clockTicksPerSecond();
    }

    /** Returns a meter of this JVM and the machine only. */
    public static CpuMeter withoutWorkerd() {
        return new CpuMeter(-1);
    }

    /** Reads every counter now. */
    public CpuSnapshot snapshot() {
        long process = processCpuNanos();
        String selfLine = readFirstLine(SELF_STAT);
        long children = selfLine == null ? -1 : ProcStat.reapedChildrenTicks(selfLine) * nanosPerTick;
        long workerd = -1;
        if (workerdPid > 0) {
            String line = readFirstLine(Path.of("/proc", Long.toString(workerdPid), "stat"));
            workerd = line == null ? -1 : ProcStat.processTicks(line) * nanosPerTick;
        }
        long busy = -1;
        long total = -1;
        String cpuLine = readFirstLine(MACHINE_STAT);
        if (cpuLine != null) {
            long[] ticks = ProcStat.machineBusyAndTotalTicks(cpuLine);
            busy = ticks[0] * nanosPerTick;
            total = ticks[1] * nanosPerTick;
        }
        return new CpuSnapshot(process, children, workerd, busy, total);
    }

    /**
     * Returns the usage between two snapshots for {@code operations} operations. {@code clientIsChild} selects
     * where the load generator's CPU time is counted: in reaped child processes (wrk) or in this JVM.
     */
    public static CpuUsage usage(CpuSnapshot before, CpuSnapshot after, long operations, boolean clientIsChild) {
        long clientBefore = clientIsChild ? before.reapedChildrenCpuNanos() : before.processCpuNanos();
        long clientAfter = clientIsChild ? after.reapedChildrenCpuNanos() : after.processCpuNanos();
        double client = perOperationMicros(clientBefore, clientAfter, operations);
        double workerd = perOperationMicros(before.workerdCpuNanos(), after.workerdCpuNanos(), operations);
        long total = after.machineTotalNanos() - before.machineTotalNanos();
        if (before.machineTotalNanos() < 0 || total <= 0) {
            return new CpuUsage(client, workerd, Double.NaN, Double.NaN);
        }
        long busy = after.machineBusyNanos() - before.machineBusyNanos();
        double machine = 100.0 * busy / total;

        double other = Double.NaN;
        if (!Double.isNaN(client) && !Double.isNaN(workerd)) {
            long ours = (clientAfter - clientBefore) + (after.workerdCpuNanos() - before.workerdCpuNanos());
            // Clock-tick rounding of /proc can make the difference slightly negative.
            other = Math.max(0, 100.0 * (busy - ours) / total);
        }
        return new CpuUsage(client, workerd, machine, other);
    }

    private static double perOperationMicros(long before, long after, long operations) {
        if (before < 0 || after < 0 || operations <= 0) {
            return Double.NaN;
        }
        return (after - before) / 1000.0 / operations;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean) {
            return bean.getProcessCpuTime();
        }
        return -1;
    }

    private static String readFirstLine(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return null;
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns USER_HZ from {@code getconf CLK_TCK}, or 100 (the Linux default) when that fails. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long ticks = Long.parseLong(output);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("getconf CLK_TCK failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
