package dev.ipcm.conformance;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The program behind {@link SendingPeers}: a child JVM that sends for many tries of a property,
 * so the property pays for one JVM start, not one per try. It reads commands from standard
 * input, one per line, fields separated by tabs, and answers each on standard output:
 *
 * <ul>
 *   <li>{@code send INFO NAME TO SIZES}: connects to the store {@code INFO} as {@code NAME}, prints
 *       {@code ready}, sends one message per comma-separated size ({@code {"seq":i,"pad":"..."}})
 *       to {@code TO}, prints {@code sent} and stays connected;</li>
 *   <li>{@code leave}: disconnects and prints {@code left}.</li>
 * </ul>
 *
 * A failure prints {@code error: <what>} in place of the answer, and the child goes on reading;
 * the end of its input ends it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SendingPeer {
    private SendingPeer() {}

    /** Entry point; takes no arguments. */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Client client = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] fields = line.split("\t", -1);
            try {
                if (fields[0].equals("send") && fields.length == 5 && client == null) {
                    client = Ipcm.connect(fields[2], fields[1]);
                    answer("ready");
                    send(client, fields[3], fields[4]);
                    answer("sent");
                } else if (fields[0].equals("leave") && client != null) {
                    Client leaving = client;
                    client = null;
                    leaving.disconnect(messages -> { });
                    answer("left");
                } else {
                    answer("error: unexpected command '" + line + "' (connected: " + (client != null) + ")");
                }
            } catch (RuntimeException e) {
                answer("error: " + e);
            }
        }
        if (client != null) {
            client.disconnect(messages -> { });
        }
    }

    private static void send(Client client, String to, String sizes) {
        String[] each = sizes.isEmpty() ? new String[0] : sizes.split(",");
        for (int i = 0; i < each.length; i++) {
            client.send(to, Map.of("seq", i, "pad", "p".repeat(Integer.parseInt(each[i]))));
        }
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
