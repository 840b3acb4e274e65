package dev.ipcm.protocol.db;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database user and password, and where they come from. The info string never carries them,
 * so each process finds them itself, first match wins: the {@code user}/{@code password} connect
 * parameters (aliases {@code username}, {@code pass}), credentials written in the route (a JDBC
 * URL's {@code user=}), the credentials a spawn in this JVM used for the same route, the
 * environment variables {@code IPCM_DB_USER} / {@code IPCM_DB_PASSWORD}, and finally the OS user
 * with an empty password (what a Perl peer connecting without credentials uses).
 */
record DbCredentials(String user, String password) {
    static final String USER_ENV = "IPCM_DB_USER";
    static final String PASSWORD_ENV = "IPCM_DB_PASSWORD";

    /** Credentials spawns in this JVM used, by route, so {@code store.connect(name)} needs none. */
    private static final Map<String, DbCredentials> BY_ROUTE = new ConcurrentHashMap<>();

    static DbCredentials resolve(Map<String, String> params, DbLocation location) {
        String user = param(params, "user", "username")
                .or(() -> Optional.ofNullable(location.user))
                .or(() -> Optional.ofNullable(remembered(location.route)).map(DbCredentials::user))
                .or(() -> Optional.ofNullable(System.getenv(USER_ENV)))
                .orElse(System.getProperty("user.name", ""));
        String password = param(params, "password", "pass")
                .or(() -> Optional.ofNullable(location.password))
                .or(() -> Optional.ofNullable(remembered(location.route)).map(DbCredentials::password))
                .or(() -> Optional.ofNullable(System.getenv(PASSWORD_ENV)))
                .orElse("");
        return new DbCredentials(user, password);
    }

    private static DbCredentials remembered(String route) {
        return route == null ? null : BY_ROUTE.get(route);
    }

    static void remember(String route, DbCredentials credentials) {
        BY_ROUTE.put(route, credentials);
    }

    static void forget(String route) {
        BY_ROUTE.remove(route);
    }

    private static Optional<String> param(Map<String, String> params, String... keys) {
        for (String k : keys) {
            String v = params.get(k);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "user '" + user + "'" + (password.isEmpty() ? " (no password)" : " (with a password)");
    }
}
