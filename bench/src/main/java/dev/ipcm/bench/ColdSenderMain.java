package dev.ipcm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The fresh JVM of {@link ColdBench}: connects, sends one message at once, then streams the
 * rest back to back and says {@code SENT <nanoTime of the stream's first send>} on standard
 * output; it leaves on {@code BYE} or when its standard input ends.
 *
 * <p>Arguments: store info, own name, peer name, size, streamed messages.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ColdSenderMain {
    private ColdSenderMain() {}

    /** Runs the fresh sender; exit 0 after {@code BYE}, 2 when the parent went away. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("ColdSenderMain expects 5 arguments (info name peer size messages), got " + args.length);
            System.exit(1);
        }
        Client client = Ipcm.connect(args[1], args[0]);
        String peer = args[2];
        JsonNode content = Payloads.content(Integer.parseInt(args[3]));
        int messages = Integer.parseInt(args[4]);
        ParentWatch parent = ParentWatch.start("cold-sender-stdin",
                List.<AutoCloseable>of(() -> client.disconnect(leftovers -> { })));
        client.send(peer, content);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            client.send(peer, content);
        }
        System.out.println("SENT " + start);
        System.out.flush();
        while (true) {
            parent.nextCommand();
        }
    }
}
