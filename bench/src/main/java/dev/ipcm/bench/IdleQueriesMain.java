package dev.ipcm.bench;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Counts the queries idle receivers send on a MariaDB-family store. It runs in a child JVM whose
 * environment names no server, so the protocol starts a private temporary MariaDB server that no
 * one else uses; the server's {@code Questions} counter over a quiet window, minus this class's
 * own status queries, is then exactly what the idle receivers asked.
 *
 * <p>Arguments: protocol ({@code MariaDB} or {@code MySQL}), receivers, window in milliseconds.
 * Prints {@code IDLE <queries> <window nanos> <receivers>} on standard output.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IdleQueriesMain {
    private IdleQueriesMain() {}

    /** Measures once and exits 0, or 1 with the reason on standard error. */
    public static void main(String[] args) throws Exception {
        String protocol = args[0];
        int receivers = Integer.parseInt(args[1]);
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[2]));
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(Duration.ofSeconds(10)))) {
            try (ServerQuestions questions = ServerQuestions.of(store, protocol);
                    IdleReceivers idle = IdleReceivers.connect(store, receivers)) {
                questions.read(); // settle the connection's own start-up statements
                long q0 = questions.read();
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(windowNanos)); // the measurement window itself
                long q1 = questions.read();
                long t1 = System.nanoTime();
                // The second status query is counted in q1; nothing else on this private server asks anything.
                System.out.println("IDLE " + (q1 - q0 - 1) + " " + (t1 - t0) + " " + receivers);
                System.out.flush();
            }
        }
    }
}
