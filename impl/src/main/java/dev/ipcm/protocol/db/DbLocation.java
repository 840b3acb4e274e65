package dev.ipcm.protocol.db;

import dev.ipcm.InvalidInfoException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A database route taken apart: a Perl DBI DSN ({@code dbi:Pg:dbname=x;host=/dir}), a JDBC URL
 * ({@code jdbc:postgresql://host:5432/x}), or, for SQLite, a bare file path.
 */
final class DbLocation {
    /** Which family of driver a route names. */
    enum Scheme { SQLITE, POSTGRESQL, MARIADB, MYSQL }

    final String route;
    final Scheme scheme;
    final boolean jdbcUrl;
    final String database;
    final String host;
    final Integer port;
    final String socket;
    final String user;
    final String password;
    /** The PostgreSQL connection settings the dialect applies, and so the info string carries. */
    private static final java.util.List<String> PG_CARRIED_OPTIONS = java.util.List.of("sslmode", "options");

    /** Remaining DSN keys or JDBC query parameters, credentials excluded. */
    final Map<String, String> options;

    private DbLocation(String route, Scheme scheme, boolean jdbcUrl, String database, String host, Integer port,
            String socket, String user, String password, Map<String, String> options) {
        this.route = route;
        this.scheme = scheme;
        this.jdbcUrl = jdbcUrl;
        this.database = database;
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.user = user;
        this.password = password;
        this.options = options;
    }

    /**
     * Parses a route.
     *
     * @param bareIsSqlite whether a route that is neither a DSN nor a JDBC URL is a SQLite path
     * @throws InvalidInfoException when the route cannot be read
     */
    static DbLocation parse(String route, boolean bareIsSqlite) {
        if (route == null || route.isBlank()) {
            throw new InvalidInfoException("A database route is required: a DBI DSN (dbi:Pg:dbname=...), a JDBC URL, "
                    + "or for SQLite a file path");
        }
        if (route.regionMatches(true, 0, "dbi:", 0, 4)) {
            return parseDsn(route);
        }
        if (route.startsWith("jdbc:")) {
            return parseJdbc(route);
        }
        if (bareIsSqlite) {
            return new DbLocation(route, Scheme.SQLITE, false, route, null, null, null, null, null, Map.of());
        }
        throw new InvalidInfoException("Database route '" + route + "' is neither a DBI DSN (dbi:Driver:key=value;...) "
                + "nor a JDBC URL (jdbc:...); pass the route printed by spawn");
    }

    private static DbLocation parseDsn(String route) {
        int second = route.indexOf(':', 4);
        if (second < 0) {
            throw new InvalidInfoException("DBI DSN '" + route + "' has no driver part: expected dbi:Driver:key=value;...");
        }
        String driver = route.substring(4, second);
        int paren = driver.indexOf('(');
        if (paren >= 0) {
            driver = driver.substring(0, paren); // DBI allows connect attributes after the driver name
        }
        Scheme scheme = switch (driver) {
            case "Pg", "PgPP" -> Scheme.POSTGRESQL;
            case "MariaDB" -> Scheme.MARIADB;
            case "mysql" -> Scheme.MYSQL;
            case "SQLite" -> Scheme.SQLITE;
            default -> throw new InvalidInfoException("No ipcm protocol handles DBI driver '" + driver + "' in '" + route
                    + "'; use Pg, MariaDB, mysql or SQLite");
        };
        String rest = route.substring(second + 1);
        Map<String, String> kv = new LinkedHashMap<>();
        String bare = null;
        for (String part : rest.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                bare = part;
            } else {
                String value = part.substring(eq + 1);
                kv.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        scheme == Scheme.POSTGRESQL ? unquoteLibpq(value) : value);
            }
        }
        String database = first(kv, "dbname", "database", "db");
        if (database == null) {
            database = bare;
        }
        String host = first(kv, "host", "hostname");
        String portText = kv.remove("port");
        String socket = first(kv, "mariadb_socket", "mysql_socket");
        String user = first(kv, "user", "username");
        String password = first(kv, "password", "pass");
        return new DbLocation(route, scheme, false, database, host, port(portText, route), socket, user, password, kv);
    }

    private static DbLocation parseJdbc(String route) {
        int second = route.indexOf(':', 5);
        if (second < 0) {
            throw new InvalidInfoException("JDBC URL '" + route + "' has no sub-protocol: expected jdbc:postgresql://...");
        }
        String sub = route.substring(5, second).toLowerCase(Locale.ROOT);
        Scheme scheme = switch (sub) {
            case "postgresql" -> Scheme.POSTGRESQL;
            case "mariadb" -> Scheme.MARIADB;
            case "mysql" -> Scheme.MYSQL;
            case "sqlite" -> Scheme.SQLITE;
            default -> throw new InvalidInfoException("No ipcm protocol handles JDBC URL '" + route
                    + "'; use jdbc:postgresql, jdbc:mariadb, jdbc:mysql or jdbc:sqlite");
        };
        String rest = route.substring(second + 1);
        if (scheme == Scheme.SQLITE) {
            return new DbLocation(route, scheme, true, rest, null, null, null, null, null, Map.of());
        }
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String part : rest.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    query.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, q);
        }
        String host = null;
        Integer port = null;
        String database = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : decode(rest.substring(slash + 1));
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            String firstHost = authority.split(",")[0];
            int colon = firstHost.lastIndexOf(':');
            if (colon > 0 && !firstHost.endsWith("]")) {
                host = firstHost.substring(0, colon);
                port = port(firstHost.substring(colon + 1), route);
            } else {
                host = firstHost.isEmpty() ? null : firstHost;
            }
        }
        String user = query.remove("user");
        String password = query.remove("password");
        String socket = first(query, "localSocket", "junixsocket.file");
        String factoryArg = query.get("socketFactoryArg");
        if (socket == null && factoryArg != null && factoryArg.startsWith("/")) {
            socket = factoryArg;
        }
        return new DbLocation(route, scheme, true, database, host, port, socket, user, password, query);
    }

    private static Integer port(String text, String route) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInfoException("Port '" + text + "' in database route '" + route + "' is not a number");
        }
    }

    private static String first(Map<String, String> map, String... keys) {
        String found = null;
        for (String k : keys) {
            String v = map.remove(k);
            if (found == null && v != null) {
                found = v;
            }
        }
        return found;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The same server with another database. */
    DbLocation withDatabase(String newDatabase) {
        String newRoute;
        if (jdbcUrl) {
            int start = route.indexOf("//");
            int slash = start < 0 ? -1 : route.indexOf('/', start + 2);
            int q = route.indexOf('?');
            String head = slash < 0 ? (q < 0 ? route : route.substring(0, q)) : route.substring(0, slash);
            newRoute = head + "/" + encode(newDatabase) + (q < 0 ? "" : route.substring(q));
        } else {
            newRoute = null; // rebuilt by the caller from the parts
        }
        return new DbLocation(newRoute, scheme, jdbcUrl, newDatabase, host, port, socket, user, password, options);
    }

    /**
     * The route in the Perl DSN form IPC::Manager peers read: {@code dbi:Pg:...} for PostgreSQL,
     * {@code dbi:MariaDB:...} for MariaDB and MySQL (Perl drives both through DBD::MariaDB), the
     * bare path for SQLite. Credentials are never written.
     */
    String perlRoute() {
        if (scheme == Scheme.SQLITE) {
            return database;
        }
        StringBuilder b = new StringBuilder(scheme == Scheme.POSTGRESQL ? "dbi:Pg:" : "dbi:MariaDB:");
        b.append("dbname=").append(database);
        if (scheme == Scheme.POSTGRESQL) {
            String h = socket != null ? parentDir(socket) : host;
            if (h != null) {
                b.append(";host=").append(h);
            }
            if (port != null && socket == null) {
                b.append(";port=").append(port);
            }
            // Connection settings the user chose travel with the route: dropping sslmode=require
            // would quietly weaken the connection, dropping options would ignore a session setting.
            for (String key : PG_CARRIED_OPTIONS) {
                String value = options.get(key);
                if (value != null) {
                    b.append(';').append(key).append('=').append(libpqValue(key, value));
                }
            }
        } else if (socket != null) {
            b.append(";mariadb_socket=").append(socket);
        } else {
            if (host != null) {
                b.append(";host=").append(host);
            }
            if (port != null) {
                b.append(";port=").append(port);
            }
        }
        return b.toString();
    }

    /**
     * A value as libpq reads it in a connection string (which is what DBD::Pg makes of the DSN):
     * single-quoted, with backslash escapes, when it has a space, quote or backslash.
     */
    private static String libpqValue(String key, String value) {
        if (value.indexOf(';') >= 0) {
            throw new InvalidInfoException("PostgreSQL connection option " + key + "='" + value + "' contains ';', which "
                    + "the DBI DSN of the info string cannot carry (it separates the DSN's keys); set it another way, "
                    + "e.g. ALTER ROLE ... SET for a session setting");
        }
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The inverse of {@link #libpqValue}: a single-quoted value without its quotes and escapes. */
    private static String unquoteLibpq(String value) {
        if (value.length() < 2 || value.charAt(0) != '\'' || value.charAt(value.length() - 1) != '\'') {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String parentDir(String socketFile) {
        int slash = socketFile.lastIndexOf('/');
        return slash <= 0 ? "/" : socketFile.substring(0, slash);
    }

    /** A route or URL fit for messages: any password in it is masked. */
    static String redact(String text) {
        return text == null ? null : text.replaceAll("(?i)(password|pass)=[^&;]*", "$1=***");
    }

    @Override
    public String toString() {
        return redact(route);
    }
}
