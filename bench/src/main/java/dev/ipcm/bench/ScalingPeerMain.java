package dev.ipcm.bench;

import dev.ipcm.Ipcm;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The child JVM of a senders-scaling run: K clients on K threads, first each doing paced
 * round trips with the parent (which echoes to whoever sent), then each streaming its share of
 * messages to the parent.
 *
 * <p>Standard output: {@code READY}; then the round trips of all senders merged as
 * {@code LAT <n> <p50> <p99> <p999> <max> <median interval>}; then {@code START <nanoTime>} just
 * before the streams begin. It leaves on {@code BYE} or when
 * standard input ends.
 *
 * <p>Arguments: info, senders, warm-up round trips, round trips per sender, interval (0 = four times
 * each sender's warm-up median, at least 50 µs), messages per sender, size.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ScalingPeerMain {
    private ScalingPeerMain() {}

    /** Runs the senders; exit 0 after {@code BYE}, 2 when the parent went away, 1 on failure. */
    public static void main(String[] args) throws Exception {
        String info = args[0];
        int senders = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int roundTrips = Integer.parseInt(args[3]);
        long interval = Long.parseLong(args[4]);
        int messages = Integer.parseInt(args[5]);
        int size = Integer.parseInt(args[6]);
        List<IpcmLink> links = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            links.add(new IpcmLink(Ipcm.connect("sender-" + i, info), "parent", size));
        }
        ParentWatch.start("scaling-peer-stdin", links);
        System.out.println("READY");
        System.out.flush();

        long[][] samples = new long[senders][];
        long[] intervals = new long[senders];
        SenderThreads.runAll(senders, i -> {
            IpcmLink link = links.get(i);
            long[] warm = new long[warmup];
            for (int w = 0; w < warmup; w++) {
                long t = System.nanoTime();
                link.send();
                link.receive();
                warm[w] = System.nanoTime() - t;
            }
            intervals[i] = interval > 0 ? interval : AutoInterval.of(warm);
            samples[i] = new long[roundTrips];
            long start = System.nanoTime() + intervals[i];
            for (int n = 0; n < roundTrips; n++) {
                long intended = start + n * intervals[i];
                Pacer.waitUntil(intended);
                link.send();
                link.receive();
                samples[i][n] = System.nanoTime() - intended;
            }
        });
        long[] all = new long[senders * roundTrips];
        for (int i = 0; i < senders; i++) {
            System.arraycopy(samples[i], 0, all, i * roundTrips, roundTrips);
        }
        long[] sortedIntervals = intervals.clone();
        java.util.Arrays.sort(sortedIntervals);
        Latency l = Latency.of(all, sortedIntervals[senders / 2]);
        System.out.println(LatencyLine.format(l));
        System.out.println("START " + System.nanoTime());
        System.out.flush();
        SenderThreads.runAll(senders, i -> {
            for (int n = 0; n < messages; n++) {
                links.get(i).send();
            }
        });
        Thread.currentThread().join(); // the watcher ends the process
    }
}
