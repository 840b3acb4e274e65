package dev.ipcm.internal;

import dev.ipcm.UnknownProtocolException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The application's own {@link DataSource}s, known to this JVM by an id that travels as the
 * {@code datasource} protocol parameter (parameters are strings; a pool is not). A store spawned
 * on one is also remembered by its route, so its clients in this JVM use the same pool.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DataSources {
    /** The protocol parameter that names a registered data source. */
    public static final String PARAM = "datasource";

    private static final Map<DataSource, String> IDS = new ConcurrentHashMap<>();
    private static final Map<String, DataSource> BY_ID = new ConcurrentHashMap<>();
    private static final Map<String, DataSource> BY_ROUTE = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private DataSources() {}

    /** The id of {@code ds}, the same for the same object every time. */
    public static String register(DataSource ds) {
        if (ds == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        return IDS.computeIfAbsent(ds, d -> {
            String id = "ds-" + NEXT.incrementAndGet();
            BY_ID.put(id, d);
            return id;
        });
    }

    /** The data source of an id given to this JVM. */
    public static Optional<DataSource> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** Remembers the data source a store was spawned on. */
    public static void rememberRoute(String route, DataSource ds) {
        BY_ROUTE.put(route, ds);
    }

    /** The data source a store of this JVM was spawned on. */
    public static Optional<DataSource> byRoute(String route) {
        return Optional.ofNullable(BY_ROUTE.get(route));
    }

    /** Forgets a route's data source (the store was removed). */
    public static void forgetRoute(String route) {
        BY_ROUTE.remove(route);
    }

    /**
     * The protocol whose JDBC driver serves {@code ds}, from its URL.
     *
     * @throws UnknownProtocolException when no database protocol serves that URL, or no connection is had
     */
    public static String protocolOf(DataSource ds) {
        String url;
        try (Connection c = ds.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new UnknownProtocolException("Could not get a connection from the DataSource to see which database "
                    + "it serves: " + e.getMessage() + "; name the protocol with SpawnOptions.protocol(...)", e);
        }
        return protocolOfUrl(url).orElseThrow(() -> new UnknownProtocolException("The DataSource serves '" + (url == null ? "an unknown URL" : url.split("\\?")[0])
                + "', which no database protocol of ipcm serves: use PostgreSQL, MariaDB, MySQL or SQLite"));
    }

    /** The database protocol of a JDBC URL: {@code PostgreSQL}, {@code MariaDB}, {@code MySQL} or {@code SQLite}. */
    public static Optional<String> protocolOfUrl(String url) {
        for (String[] p : new String[][] {{"jdbc:postgresql:", "PostgreSQL"}, {"jdbc:mariadb:", "MariaDB"},
                {"jdbc:mysql:", "MySQL"}, {"jdbc:sqlite:", "SQLite"}}) {
            if (url != null && url.startsWith(p[0])) {
                return Optional.of(p[1]);
            }
        }
        return Optional.empty();
    }
}
