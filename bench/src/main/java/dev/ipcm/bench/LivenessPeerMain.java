package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The peer {@link LivenessBench} kills: connects, says {@code READY}, and waits until it is
 * killed (or told {@code BYE}, or its parent goes away).
 *
 * <p>Arguments: store info, own name.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class LivenessPeerMain {
    private LivenessPeerMain() {}

    /** Connects and waits; exit 0 after {@code BYE}, 2 when the parent went away. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("LivenessPeerMain expects 2 arguments (info name), got " + args.length);
            System.exit(1);
        }
        Client client = Ipcm.connect(args[1], args[0]);
        ParentWatch parent = ParentWatch.start("liveness-peer-stdin",
                List.<AutoCloseable>of(() -> client.disconnect(leftovers -> { })));
        System.out.println("READY");
        System.out.flush();
        while (true) {
            parent.nextCommand();
        }
    }
}
