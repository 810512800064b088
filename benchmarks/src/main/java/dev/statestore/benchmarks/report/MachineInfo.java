package dev.statestore.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a run measured: what the load generator, workerd and this JVM shared.
 *
 * @param cpuModel the {@code model name} of {@code /proc/cpuinfo}
 * @param cores processors available to this JVM (what {@code nproc} prints)
 * @param memory the {@code MemTotal} of {@code /proc/meminfo}
 * @param operatingSystem name, version and architecture
 * @param jdk the JVM's name and runtime version
 * @param workerdVersion what {@code workerd --version} printed
 * @param wrkVersion the first line of {@code wrk -v}, or a reason why wrk was not used
 */
public record MachineInfo(String cpuModel, int cores, String memory, String operatingSystem, String jdk,
        String workerdVersion, String wrkVersion) {

    /** Reads this machine's facts; the two versions come from the caller. */
    public static MachineInfo collect(String workerdVersion, String wrkVersion) {
        String cpuModel = field(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
        String memory = field(Path.of("/proc/meminfo"), "MemTotal").map(MachineInfo::kibToGib).orElse("unknown");
        String operatingSystem = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new MachineInfo(cpuModel, Runtime.getRuntime().availableProcessors(), memory, operatingSystem, jdk,
                workerdVersion, wrkVersion);
    }

    private static Optional<String> field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String kibToGib(String value) {
        try {
            long kib = Long.parseLong(value.replace("kB", "").trim());
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
