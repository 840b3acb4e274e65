package dev.ipcm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --user}/{@code --password} options of every command that connects, for database
 * stores. Info strings carry no credentials, so each process supplies its own.
 */
final class Credentials {
    static final String USER_ENV = "IPCM_DB_USER";
    static final String PASSWORD_ENV = "IPCM_DB_PASSWORD";

    @Option(names = "--user", paramLabel = "USER",
            description = "Database user for database stores (default: $" + USER_ENV + ").")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password (default: $" + PASSWORD_ENV + "; prefer the variable: "
                    + "arguments are visible to other users in the process list).")
    String password;

    /** The connect parameters {@code user} and {@code password}, from the options or else the environment. */
    Map<String, String> params(CliContext ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "user", user != null ? user : ctx.env(USER_ENV));
        put(params, "password", password != null ? password : ctx.env(PASSWORD_ENV));
        return params;
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
