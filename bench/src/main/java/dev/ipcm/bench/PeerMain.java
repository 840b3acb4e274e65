package dev.ipcm.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The child JVM's side of a measurement: echoes a known number of messages (the ping-pong), then
 * swallows a known number (the stream) and says on standard output when it got the last one.
 *
 * <p>Standard output carries only {@code READY}, {@code WARM} and {@code DONE <nanoTime>} lines;
 * {@code System.nanoTime()} is the machine's monotonic clock, the same in both JVMs on Linux, so
 * the parent can time the stream to the child's last receive. The child leaves when the parent
 * writes {@code BYE} or its standard input ends (the parent died).
 *
 * <p>Arguments: transport spec, session argument, own name, peer name, size, echo count, stream
 * warm-up count, stream count.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PeerMain {
    private PeerMain() {}

    /** Runs one child side; exit 0 after {@code BYE}, 2 when the parent went away, 1 on failure. */
    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("PeerMain expects 8 arguments (spec argument name peer size echo warm stream), got "
                    + args.length);
            System.exit(1);
        }
        Transport transport = Transports.fromSpec(args[0], System.getenv());
        Link link = transport.childLink(args[1], args[2], args[3], Integer.parseInt(args[4]));
        int echo = Integer.parseInt(args[5]);
        int warm = Integer.parseInt(args[6]);
        int stream = Integer.parseInt(args[7]);
        watchParent(link);
        System.out.println("READY");
        System.out.flush();
        for (int echoed = 0; echoed < echo; ) {
            int n = link.receive();
            for (int i = 0; i < n; i++) {
                link.send();
            }
            echoed += n;
        }
        for (int got = 0; got < warm; ) {
            got += link.receive();
        }
        System.out.println("WARM");
        System.out.flush();
        for (int got = 0; got < stream; ) {
            got += link.receive();
        }
        System.out.println("DONE " + System.nanoTime());
        System.out.flush();
        Thread.currentThread().join(); // the watcher ends the process
    }

    private static void watchParent(Link link) {
        Thread t = new Thread(() -> {
            int code = 2;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("BYE")) {
                        code = 0;
                        break;
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
            try {
                link.close();
            } catch (Exception e) {
                System.err.println("bench peer: closing the link failed: " + e);
                code = code == 0 ? 1 : code;
            }
            System.exit(code);
        }, "bench-peer-stdin");
        t.setDaemon(true);
        t.start();
    }
}
