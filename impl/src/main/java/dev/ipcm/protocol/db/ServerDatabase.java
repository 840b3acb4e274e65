package dev.ipcm.protocol.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * A fresh database created on a configured server for one spawned store, dropped again by
 * {@link #close()} (the spawn's stash). Its name is {@code ipcm_} and 16 random hex digits.
 */
final class ServerDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerProtocol protocol;
    private final DbLocation admin;
    private final DbCredentials credentials;
    private final String name;
    private final DbLocation location;
    private final String route;

    private ServerDatabase(ServerProtocol protocol, DbLocation admin, DbCredentials credentials, String name) {
        this.protocol = protocol;
        this.admin = admin;
        this.credentials = credentials;
        this.name = name;
        this.location = admin.withDatabase(name);
        this.route = location.perlRoute();
    }

    static ServerDatabase create(ServerProtocol protocol, DbLocation server, Map<String, String> params) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        ServerDatabase db = new ServerDatabase(protocol, server, DbCredentials.resolve(params, server),
                "ipcm_" + HexFormat.of().formatHex(bytes));
        // The name is generated here from hex digits only, so it is safe as an identifier.
        db.admin("create database " + db.name, "CREATE DATABASE " + db.name);
        return db;
    }

    DbLocation location() {
        // Connect through the Perl route, exactly as every other client of the store will.
        return DbLocation.parse(route, false);
    }

    DbCredentials credentials() {
        return credentials;
    }

    String route() {
        return route;
    }

    private void admin(String what, String statement) {
        Dialect d = protocol.dialect;
        try (Connection c = DbSession.open(d, admin, d.target(admin, credentials), credentials);
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw DbSession.failure(d, admin, what, e);
        }
    }

    /** Drops the database, disconnecting clients still attached to it (PostgreSQL). */
    @Override
    public void close() {
        String drop = protocol.dialect instanceof PostgreSQLDialect
                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
        admin("drop database " + name, drop);
    }

    @Override
    public String toString() {
        return "database " + name + " on " + admin;
    }
}
