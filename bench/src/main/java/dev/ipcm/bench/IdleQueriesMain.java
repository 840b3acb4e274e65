package dev.ipcm.bench;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            String route = store.route();
            int at = route.indexOf("mariadb_socket=");
            if (at < 0) {
                throw new BenchException("the " + protocol + " store is not on a private temporary server (route "
                        + route + "); unset IPCM_" + protocol.toUpperCase(java.util.Locale.ROOT) + "_URL");
            }
            String socket = route.substring(at + "mariadb_socket=".length()).split(";")[0];
            List<Client> clients = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < receivers; i++) {
                Client c = store.connect("idle-" + i);
                clients.add(c);
                Thread t = new Thread(() -> {
                    while (!c.isDisconnected()) {
                        try {
                            c.awaitMessages(Duration.ofSeconds(1));
                        } catch (RuntimeException e) {
                            return; // disconnected under us at the end
                        }
                    }
                }, "idle-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            try (Connection admin = DriverManager.getConnection(
                    "jdbc:mariadb://localhost/quickdb?localSocket=" + socket + "&user=root")) {
                questions(admin); // settle the connection's own start-up statements
                long q0 = questions(admin);
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(windowNanos)); // the measurement window itself
                long q1 = questions(admin);
                long t1 = System.nanoTime();
                // The second status query is counted in q1; nothing else on this private server asks anything.
                System.out.println("IDLE " + (q1 - q0 - 1) + " " + (t1 - t0) + " " + receivers);
                System.out.flush();
            }
            for (Client c : clients) {
                c.disconnect(messages -> { });
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    private static long questions(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
