package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The program a cross-process scenario runs in a child JVM (the cross-process property's senders
 * run {@link SendingPeer}, which serves many tries). It connects to a store, prints
 * {@code ready} on standard output, then does one job:
 *
 * <ul>
 *   <li>{@code echo INFO NAME}: returns every message to its sender until one says {@code stop};
 *   <li>{@code idle INFO NAME}: stays connected until its standard input closes (or it is killed).
 * </ul>
 *
 * A child cannot report assertions to JUnit, so it only acts; the test JVM observes and asserts.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PeerProcess {
    private PeerProcess() {}

    /** Entry point: {@code MODE INFO NAME [ARGS]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PeerProcess echo|idle INFO NAME; got " + Arrays.toString(args));
            System.exit(2);
        }
        Client client = Ipcm.connect(args[2], args[1]);
        System.out.println("ready");
        System.out.flush();
        switch (args[0]) {
            case "echo" -> echo(client);
            case "idle" -> waitForStdinClose(System.in);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
        client.disconnect(messages -> { });
    }

    private static void echo(Client client) {
        while (true) {
            for (Message m : client.awaitMessages(Duration.ofSeconds(60))) {
                if (m.isTerminate() || "stop".equals(m.content().asText(null))) {
                    return;
                }
                client.send(m.from(), m.content());
            }
        }
    }

    private static void waitForStdinClose(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Nothing to do with the input; its end is the signal to leave.
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().trim();
    }

}
