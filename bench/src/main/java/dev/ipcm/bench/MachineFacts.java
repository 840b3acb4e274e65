package dev.ipcm.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The facts every printed figure is read against: cores, JDK, operating system, CPU model and the
 * load average when the run started and ended.
 *
 * @param cores processors the JVM sees
 * @param jdk vendor and runtime version
 * @param os operating system name, version and architecture
 * @param cpu the CPU model, or "unknown"
 * @param loadAtStart the one-minute load average at the start (negative when unknown)
 * @param loadAtEnd the one-minute load average at the end (negative when unknown)
 * @param startedAt when the run started
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MachineFacts(int cores, String jdk, String os, String cpu, double loadAtStart, double loadAtEnd,
        Instant startedAt) {

    /** The facts now, with the end load still to come. */
    static MachineFacts now() {
        return new MachineFacts(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                CpuModel.read(), load(), -1, Instant.now());
    }

    /** The same facts with the load at the end of the run. */
    MachineFacts finished() {
        return new MachineFacts(cores, jdk, os, cpu, loadAtStart, load(), startedAt);
    }

    /** One line for headers: cores, JDK, load. */
    public String summary() {
        return cores + " cores (" + cpu + "), JDK " + jdk + ", " + os + ", load average "
                + String.format(java.util.Locale.ROOT, "%.2f", loadAtStart)
                + (loadAtEnd >= 0 ? String.format(java.util.Locale.ROOT, " -> %.2f", loadAtEnd) : "");
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
