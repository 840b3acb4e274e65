package dev.ipcm.bench;

import java.util.function.Consumer;

/**
 * The one-way throughput measurement: a warm-up stream, then timed streams until one is free of
 * JIT compilation ({@link SteadyState}); the child reports each last receive and its JIT time.
 */
final class StreamRun {
    private StreamRun() {}

    static Throughput measure(Link link, ChildPeer child, int warmup, int count, int size, long deadlineNanos,
            Consumer<String> progress) throws Exception {
        long childJit = stream(link, child, warmup, deadlineNanos)[1];
        long firstStart = System.nanoTime();
        int streamed = warmup;
        for (int trial = 1; ; trial++) {
            long ownJit = JitClock.compileMillis();
            long start = System.nanoTime();
            long[] got = stream(link, child, count, deadlineNanos);
            long elapsed = got[0] - start;
            long jit = childJit < 0 || ownJit < 0 || got[1] < 0 ? -1
                    : (got[1] - childJit) + (JitClock.compileMillis() - ownJit);
            childJit = got[1];
            boolean steady = SteadyState.steady(jit, elapsed);
            if (steady || !SteadyState.mayRetry(trial, firstStart, System.nanoTime())) {
                progress.accept("timed stream " + trial + ": " + (jit < 0 ? "JIT time unknown"
                        : "JIT worked " + jit + " ms of " + elapsed / 1_000_000 + " ms")
                        + (steady ? "" : "; kept (trial limit reached), JIT included"));
                return new Throughput(count, size, elapsed, streamed, jit);
            }
            progress.accept("timed stream " + trial + ": JIT worked " + jit + " ms of " + elapsed / 1_000_000
                    + " ms; counted as warm-up, streaming again");
            streamed += count;
        }
    }

    /** Tells the child to take {@code n} messages, sends them, and returns the child's last-receive time and JIT ms. */
    private static long[] stream(Link link, ChildPeer child, int n, long deadlineNanos) throws Exception {
        child.tell("RECV " + n);
        for (int i = 0; i < n; i++) {
            link.send();
        }
        String[] got = child.expect("GOT", deadlineNanos).split(" ");
        return new long[] {Long.parseLong(got[0]), Long.parseLong(got[1])};
    }
}
