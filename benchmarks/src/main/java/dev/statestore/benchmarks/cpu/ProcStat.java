package dev.statestore.benchmarks.cpu;

/**
 * Parses the Linux {@code /proc} files that report CPU time in clock ticks: {@code /proc/PID/stat} for one
 * process and its reaped children, and the first line of {@code /proc/stat} for the whole machine
 * (see proc(5)).
 */
final class ProcStat {

    private ProcStat() {
    }

    /** Returns user plus system ticks of the process itself (fields 14 and 15 of {@code /proc/PID/stat}). */
    static long processTicks(String statLine) {
        String[] fields = fieldsAfterCommand(statLine);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Returns user plus system ticks of the process's children that it has waited for (fields 16 and 17 of
     * {@code /proc/PID/stat}).
     */
    static long reapedChildrenTicks(String statLine) {
        String[] fields = fieldsAfterCommand(statLine);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /**
     * Returns the busy and total ticks of all cores from the {@code cpu} line of {@code /proc/stat}. Idle and
     * I/O wait count as not busy, and the guest columns are left out because user time already includes them.
     */
    static long[] machineBusyAndTotalTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 5) {
            throw new IllegalArgumentException("Not the cpu line of /proc/stat: '" + cpuLine + "'");
        }
        long total = 0;
        int columns = Math.min(fields.length, 9);
        for (int i = 1; i < columns; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total - idle, total};
    }

    // The command name in brackets may contain spaces and brackets, so fields are counted from the last ')'.
    private static String[] fieldsAfterCommand(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("Not a /proc/PID/stat line: '" + statLine + "'");
        }
        return statLine.substring(end + 1).trim().split("\\s+");
    }
}
