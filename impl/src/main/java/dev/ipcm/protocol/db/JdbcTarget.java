package dev.ipcm.protocol.db;

import java.util.Properties;

/** A JDBC URL and the connection properties that go with it; the password is never printed. */
record JdbcTarget(String url, Properties properties) {
    @Override
    public String toString() {
        return DbLocation.redact(url);
    }
}
