package dev.ipcm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins the runner to one CPU and every child JVM it starts to another (or the same), with
 * util-linux's {@code taskset}. On a small machine the scheduler decides, run by run, whether the
 * two ends of a pair share a CPU (each wake-up a local switch: 11-17 µs per round trip for a raw
 * FIFO or stream socket on the 2-core machine of docs/performance.md) or not (an interrupt into
 * an idle virtual CPU: 42-55 µs). A ratio between a protocol and a baseline that landed
 * differently measured the placement, not the transports; pinned, every pair runs the same way.
 *
 * <p>While a pinning is open, {@link #pinChild} applies it to each new child; the runner opens
 * one per run and closes it at the end, which puts this JVM's threads back on the CPUs they had.
 */
final class CpuPinning implements AutoCloseable {
    private static volatile CpuPinning active;

    private final int childCpu;
    private final long pid;
    private final String savedMask;

    private CpuPinning(int childCpu, long pid, String savedMask) {
        this.childCpu = childCpu;
        this.pid = pid;
        this.savedMask = savedMask;
    }

    /** Pins every thread of this JVM to {@code parentCpu} and makes children go to {@code childCpu}. */
    static CpuPinning apply(int parentCpu, int childCpu) {
        long self = ProcessHandle.current().pid();
        String mask = currentMask(self);
        taskset("-a", "-p", "-c", Integer.toString(parentCpu), Long.toString(self));
        CpuPinning pinning = new CpuPinning(childCpu, self, mask);
        active = pinning;
        return pinning;
    }

    /** Pins every thread of a just-started child JVM, if a pinning is open; its later threads inherit it. */
    static void pinChild(long childPid) {
        CpuPinning p = active;
        if (p != null) {
            taskset("-a", "-p", "-c", Integer.toString(p.childCpu), Long.toString(childPid));
        }
    }

    @Override
    public void close() {
        active = null;
        taskset("-a", "-p", savedMask, Long.toString(pid));
    }

    /** The affinity mask {@code taskset -p} reports, in hex: "pid 42's current affinity mask: 3". */
    private static String currentMask(long pid) {
        String out = taskset("-p", Long.toString(pid)).trim();
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    private static String taskset(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("taskset");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchException("'" + String.join(" ", cmd) + "' did not finish within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new BenchException("could not pin to CPUs: '" + String.join(" ", cmd) + "' said: " + out.trim()
                        + "; name CPUs this machine has (see nproc), or leave out the pinning");
            }
            return out;
        } catch (IOException e) {
            throw new BenchException("could not pin to CPUs: taskset (util-linux) could not be run (" + e.getMessage()
                    + "); install util-linux, or leave out the pinning", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while pinning to CPUs", e);
        }
    }
}
