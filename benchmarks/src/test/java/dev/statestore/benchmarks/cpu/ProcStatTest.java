package dev.statestore.benchmarks.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    // Fields 14 to 17 are utime 250, stime 50, cutime 7, cstime 3. The command name contains a space and a ')'.
    private static final String STAT = "4242 (work er) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 7 3 20 0 "
            + "12 0 100 1000000 500 18446744073709551615";

    @Test
    void processTicksAddUserAndSystem() {
        assertEquals(300, ProcStat.processTicks(STAT));
    }

    @Test
    void childrenTicksAddReapedUserAndSystem() {
        assertEquals(10, ProcStat.reapedChildrenTicks(STAT));
    }

    @Test
    void machineTicksLeaveOutIdleAndGuest() {
        long[] ticks = ProcStat.machineBusyAndTotalTicks("cpu  100 5 20 800 30 1 2 3 40 0");

        assertArrayEquals(new long[] {131, 961}, ticks);
    }

    @Test
    void otherLinesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.machineBusyAndTotalTicks("cpu0 1 2 3 4"));
        assertEquals("Not the cpu line of /proc/stat: 'cpu0 1 2 3 4'", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcStat.processTicks("no brackets here"));
    }

    @Test
    void usageDividesByOperations() {
        CpuSnapshot before = new CpuSnapshot(1_000_000, 0, 5_000_000, 0, 0);
        CpuSnapshot after = new CpuSnapshot(3_000_000, 4_000_000, 9_000_000, 10_000_000, 20_000_000);

        CpuUsage jvm = CpuMeter.usage(before, after, 1000, false);
        CpuUsage child = CpuMeter.usage(before, after, 1000, true);

        assertEquals(2.0, jvm.clientMicrosPerOp(), 1e-9);
        assertEquals(4.0, child.clientMicrosPerOp(), 1e-9);
        assertEquals(4.0, jvm.workerdMicrosPerOp(), 1e-9);
        assertEquals(50.0, jvm.machinePercent(), 1e-9);
        assertEquals(20.0, jvm.otherPercent(), 1e-9, "10 ms busy, 2 ms in this JVM and 4 ms in workerd of 20 ms");
        assertEquals(10.0, child.otherPercent(), 1e-9, "10 ms busy, 4 ms in wrk and 4 ms in workerd of 20 ms");
    }

    @Test
    void unreadableCountersGiveNaN() {
        CpuSnapshot before = new CpuSnapshot(-1, -1, -1, -1, -1);
        CpuSnapshot after = new CpuSnapshot(-1, -1, -1, -1, -1);

        CpuUsage usage = CpuMeter.usage(before, after, 10, false);

        assertEquals(Double.NaN, usage.clientMicrosPerOp());
        assertEquals(Double.NaN, usage.workerdMicrosPerOp());
        assertEquals(Double.NaN, usage.machinePercent());
        assertEquals(Double.NaN, usage.otherPercent());
    }
}
