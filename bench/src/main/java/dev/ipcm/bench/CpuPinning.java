package dev.ipcm.bench;

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
        String mask = Taskset.currentMask(self);
        Taskset.run("-a", "-p", "-c", Integer.toString(parentCpu), Long.toString(self));
        CpuPinning pinning = new CpuPinning(childCpu, self, mask);
        active = pinning;
        return pinning;
    }

    /** Pins every thread of a just-started child JVM, if a pinning is open; its later threads inherit it. */
    static void pinChild(long childPid) {
        CpuPinning p = active;
        if (p != null) {
            Taskset.run("-a", "-p", "-c", Integer.toString(p.childCpu), Long.toString(childPid));
        }
    }

    @Override
    public void close() {
        active = null;
        Taskset.run("-a", "-p", savedMask, Long.toString(pid));
    }
}
