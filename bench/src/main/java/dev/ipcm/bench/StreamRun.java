package dev.ipcm.bench;

/** The one-way throughput measurement: the parent streams, the child reports its last receive. */
final class StreamRun {
    private StreamRun() {}

    static Throughput measure(Link link, ChildPeer child, int warmup, int count, int size, long deadlineNanos)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            link.send();
        }
        child.expect("WARM", deadlineNanos);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            link.send();
        }
        long end = Long.parseLong(child.expect("DONE", deadlineNanos));
        return new Throughput(count, size, end - start);
    }
}
