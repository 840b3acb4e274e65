package dev.ipcm.bench;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The child JVM's side of a measurement: echoes a known number of messages (the ping-pong), then
 * swallows the streams the parent announces and says on standard output when it got the last
 * message of each.
 *
 * <p>Standard output carries only {@code READY} and, for each {@code RECV <n>} the parent writes
 * on standard input, {@code GOT <nanoTime> <jit ms>} once {@code n} more messages arrived
 * ({@code jit ms}: this JVM's total JIT compilation time so far, -1 if unknown).
 * {@code System.nanoTime()} is the machine's monotonic clock, the same in both JVMs on Linux, so
 * the parent can time a stream to the child's last receive. The child leaves when the parent
 * writes {@code BYE} or its standard input ends (the parent died).
 *
 * <p>Arguments: transport spec, session argument, own name, peer name, size, echo count.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PeerMain {
    private PeerMain() {}

    /** Runs one child side; exit 0 after {@code BYE}, 2 when the parent went away, 1 on failure. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("PeerMain expects 6 arguments (spec argument name peer size echo), got " + args.length);
            System.exit(1);
        }
        Transport transport = Transports.fromSpec(args[0], System.getenv());
        Link link = transport.childLink(args[1], args[2], args[3], Integer.parseInt(args[4]));
        int echo = Integer.parseInt(args[5]);
        ParentWatch parent = ParentWatch.start("bench-peer-stdin", List.of(link));
        System.out.println("READY");
        System.out.flush();
        for (int echoed = 0; echoed < echo; ) {
            int n = link.receive();
            for (int i = 0; i < n; i++) {
                link.send();
            }
            echoed += n;
        }
        // Streams, as the parent asks: each "RECV n" is answered once n more messages arrived.
        while (true) {
            String command = parent.nextCommand();
            if (!command.startsWith("RECV ")) {
                throw new IllegalStateException("unknown command from the parent: '" + command + "'");
            }
            int n = Integer.parseInt(command.substring(5).trim());
            for (int got = 0; got < n; ) {
                got += link.receive();
            }
            System.out.println("GOT " + System.nanoTime() + " " + JitClock.compileMillis());
            System.out.flush();
        }
    }
}
