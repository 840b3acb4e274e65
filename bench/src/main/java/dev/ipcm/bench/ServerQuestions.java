package dev.ipcm.bench;

import dev.ipcm.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The {@code Questions} counter of the private temporary MariaDB server under a store: how many
 * statements the server has received, read over the server's own socket.
 */
final class ServerQuestions implements AutoCloseable {
    private final Connection admin;

    private ServerQuestions(Connection admin) {
        this.admin = admin;
    }

    /**
     * Connects to the server under {@code store} as its administrator.
     *
     * @throws BenchException when the store is not on a private temporary server
     */
    static ServerQuestions of(Store store, String protocol) throws SQLException {
        String route = store.route();
        int at = route.indexOf("mariadb_socket=");
        if (at < 0) {
            throw new BenchException("the " + protocol + " store is not on a private temporary server (route "
                    + route + "); unset IPCM_" + protocol.toUpperCase(Locale.ROOT) + "_URL");
        }
        String socket = route.substring(at + "mariadb_socket=".length()).split(";")[0];
        return new ServerQuestions(DriverManager.getConnection(
                "jdbc:mariadb://localhost/quickdb?localSocket=" + socket + "&user=root"));
    }

    /** The counter now; this query itself is counted in the next reading. */
    long read() throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
