package dev.ipcm.protocol.db.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * A fresh database created on a configured server for one spawned store, dropped again by
 * {@link #close()} (the spawn's stash). Its name is {@code ipcm_} and 16 random hex digits, so it
 * is safe as an SQL identifier.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ServerDatabase implements AutoCloseable {
    /** Runs one statement on the server as its administrator; failures come back as the protocol's exceptions. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    @FunctionalInterface
    public interface Admin {
        /**
         * @param what the step, for the error message ("create database ...")
         */
        void execute(String what, String statement);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Admin admin;
    private final String name;
    private final boolean dropWithForce;
    private final String server;

    private ServerDatabase(Admin admin, String name, boolean dropWithForce, String server) {
        this.admin = admin;
        this.name = name;
        this.dropWithForce = dropWithForce;
        this.server = server;
    }

    /** A fresh database name: {@code ipcm_} and 16 random hex digits. */
    public static String freshName() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "ipcm_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Creates database {@code name} (from {@link #freshName()}).
     *
     * @param dropWithForce drop it with {@code WITH (FORCE)}, disconnecting clients still attached
     *     (PostgreSQL 13 and later)
     * @param server the server, for messages (no password in it)
     */
    public static ServerDatabase create(Admin admin, String name, boolean dropWithForce, String server) {
        if (!name.matches("ipcm_[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a name from freshName(): name=" + name);
        }
        ServerDatabase db = new ServerDatabase(admin, name, dropWithForce, server);
        admin.execute("create database " + name, "CREATE DATABASE " + name);
        return db;
    }

    /** Drops the database. */
    @Override
    public void close() {
        admin.execute("drop database " + name, "DROP DATABASE IF EXISTS " + name + (dropWithForce ? " WITH (FORCE)" : ""));
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server;
    }
}
