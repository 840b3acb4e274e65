package dev.ipcm.cli;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The other side of {@code ipcm demo}: a main class, run in a child JVM, that connects under the
 * given name and sends every message back to its sender until the store's terminate message.
 *
 * <p>Arguments: the info string and the client name. Credentials for database stores come from
 * the environment ({@value #ENV_PREFIX}{@code USER}, {@value #ENV_PREFIX}{@code PASSWORD}).
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DemoEcho {
    /** Environment variables {@code IPCM_DEMO_USER} and {@code IPCM_DEMO_PASSWORD} carry the connect parameters. */
    static final String ENV_PREFIX = "IPCM_DEMO_";

    private DemoEcho() {}

    /** Echoes until terminated; exits when the parent JVM does, so it is never left behind. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DemoEcho INFO NAME");
            System.exit(2);
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        Map<String, String> params = new HashMap<>();
        for (String key : new String[] {"user", "password"}) {
            String value = System.getenv(ENV_PREFIX + key.toUpperCase(Locale.ROOT));
            if (value != null) {
                params.put(key, value);
            }
        }
        Client client = Ipcm.connect(args[1], args[0], params);
        while (!client.isDisconnected()) {
            for (Message m : client.awaitMessages(Duration.ofMinutes(1))) {
                if (m.isTerminate()) {
                    client.disconnect(rest -> { });
                    break;
                }
                try {
                    client.send(m.from(), m.content());
                } catch (IpcmException e) {
                    // A sender that left before its echo came back is not a reason to stop echoing for the others.
                    System.err.println("echo: could not answer " + m.from() + ": " + e.getMessage());
                }
            }
        }
        System.exit(0);
    }
}
