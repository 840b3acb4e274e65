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
    private final boolean postgres;
    private final String server;

    private ServerDatabase(Admin admin, String name, boolean postgres, String server) {
        if (!name.matches("ipcm_[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a name from freshName(): name=" + name);
        }
        this.admin = admin;
        this.name = name;
        this.postgres = postgres;
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
     * @param postgres a PostgreSQL server: dropped {@code WITH (FORCE)}, disconnecting clients still
     *     attached (PostgreSQL 13 and later), and its owner recorded as its comment
     * @param server the server, for messages (no password in it)
     */
    public static ServerDatabase create(Admin admin, String name, boolean postgres, String server) {
        ServerDatabase db = new ServerDatabase(admin, name, postgres, server);
        admin.execute("create database " + name, "CREATE DATABASE " + name);
        return db;
    }

    /** A database that exists already (one {@link DatabaseOwners#deadOwners} found), to drop it. */
    public static ServerDatabase existing(Admin admin, String name, boolean postgres, String server) {
        return new ServerDatabase(admin, name, postgres, server);
    }

    /** Records the process that will drop the database, or removes the record ({@link DatabaseOwners}). */
    public void recordOwner(java.util.Optional<dev.ipcm.spi.StoreOwner> owner) {
        DatabaseOwners.record(admin, name, postgres, owner);
    }

    /** Drops the database. */
    @Override
    public void close() {
        admin.execute("drop database " + name, "DROP DATABASE IF EXISTS " + name + (postgres ? " WITH (FORCE)" : ""));
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server;
    }
}
