package dev.ipcm.protocol.db.server;

import dev.ipcm.InvalidInfoException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Where the database protocols find a server to create stores on: a URL registered in this JVM
 * (the seam a test harness feeds, e.g. with a Testcontainers JDBC URL), else the system property
 * {@code ipcm.<kind>.url}, else the environment variable {@code IPCM_<KIND>_URL}.
 *
 * <p>A URL is a JDBC URL ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) or a Perl
 * DBI DSN ({@code dbi:Pg:dbname=test;host=127.0.0.1}). Its database is only used to create and
 * drop the fresh database each spawned store gets; credentials in it are used for that store too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DatabaseServers {
    /** The kinds of database server a protocol can create stores on. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** PostgreSQL (protocol {@code PostgreSQL}). */
        POSTGRESQL,
        /** MySQL or a MySQL-compatible server (protocol {@code MySQL}). */
        MYSQL,
        /** MariaDB (protocol {@code MariaDB}). */
        MARIADB;

        /** The system property that configures this kind, e.g. {@code ipcm.postgresql.url}. */
        public String property() {
            return "ipcm." + name().toLowerCase(Locale.ROOT) + ".url";
        }

        /** The environment variable that configures this kind, e.g. {@code IPCM_POSTGRESQL_URL}. */
        public String environmentVariable() {
            return "IPCM_" + name() + "_URL";
        }
    }

    private static final Map<Kind, String> REGISTERED = new ConcurrentHashMap<>();

    private DatabaseServers() {}

    /**
     * Uses {@code url} for {@code kind} in this JVM, ahead of properties and environment.
     *
     * @throws InvalidInfoException when the URL is neither a JDBC URL nor a DBI DSN
     */
    public static void register(Kind kind, String url) {
        if (url == null || !(url.startsWith("jdbc:") || url.regionMatches(true, 0, "dbi:", 0, 4))) {
            throw new InvalidInfoException("A server URL must be a JDBC URL (jdbc:...) or a DBI DSN (dbi:...): url="
                    + url);
        }
        REGISTERED.put(kind, url);
    }

    /** Forgets a URL given to {@link #register}. */
    public static void unregister(Kind kind) {
        REGISTERED.remove(kind);
    }

    /** The configured server URL for {@code kind}, if any. */
    public static Optional<String> configuredUrl(Kind kind) {
        String url = REGISTERED.get(kind);
        if (url == null) {
            url = System.getProperty(kind.property());
        }
        if (url == null || url.isBlank()) {
            url = System.getenv(kind.environmentVariable());
        }
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    /** How to configure {@code kind}, for error messages and availability remedies. */
    public static String howToConfigure(Kind kind) {
        return "set " + kind.environmentVariable() + " or -D" + kind.property() + " to the server's JDBC URL or DBI DSN";
    }
}
