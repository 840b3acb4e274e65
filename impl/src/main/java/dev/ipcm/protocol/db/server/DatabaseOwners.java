package dev.ipcm.protocol.db.server;

import dev.ipcm.spi.StoreOwner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The owner record of a database spawn created on a configured server, and the search for those
 * whose owner is dead. PostgreSQL keeps it as the database's comment ({@code COMMENT ON
 * DATABASE}), so one query over {@code pg_database} finds them all; MariaDB and MySQL (where not
 * every version has a database comment) keep it as the one row of a table {@code ipcm_owner}
 * in the database, which no client reads (a Perl peer uses only its own tables). A database
 * without a record (a Perl peer's, a kept one) is never touched.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DatabaseOwners {
    /** The table holding the owner row in a MariaDB or MySQL store database. */
    static final String TABLE = "ipcm_owner";
    private static final Pattern NAME = Pattern.compile("ipcm_[0-9a-f]{16}");

    private DatabaseOwners() {}

    /** Writes, or for an empty owner removes, the owner record of database {@code name}. */
    static void record(ServerDatabase.Admin admin, String name, boolean postgres, Optional<StoreOwner> owner) {
        // StoreOwner.text() holds only digits, letters and :[]_-{}", so it is a safe SQL literal as it is.
        String literal = owner.map(o -> "'" + o.text() + "'").orElse(null);
        if (postgres) {
            admin.execute("record the owner of database " + name,
                    "COMMENT ON DATABASE " + name + " IS " + (literal == null ? "NULL" : literal));
        } else if (literal == null) {
            admin.execute("remove the owner of database " + name, "DROP TABLE IF EXISTS " + name + "." + TABLE);
        } else {
            admin.execute("record the owner of database " + name,
                    "CREATE TABLE IF NOT EXISTS " + name + "." + TABLE + " (owner VARCHAR(255) NOT NULL)");
            admin.execute("record the owner of database " + name, "DELETE FROM " + name + "." + TABLE);
            admin.execute("record the owner of database " + name,
                    "INSERT INTO " + name + "." + TABLE + " (owner) VALUES (" + literal + ")");
        }
    }

    /** The ipcm databases on the server {@code c} is connected to whose recorded owner is dead here. */
    public static List<String> deadOwners(Connection c, boolean postgres) throws SQLException {
        List<String> dead = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            if (postgres) {
                try (ResultSet rs = st.executeQuery("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                        + " WHERE datname LIKE 'ipcm%'")) {
                    while (rs.next()) {
                        addIfDead(dead, rs.getString(1), Optional.ofNullable(rs.getString(2)));
                    }
                }
                return dead;
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'ipcm%'")) {
                while (rs.next()) {
                    if (NAME.matcher(rs.getString(1)).matches()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            for (String name : names) {
                addIfDead(dead, name, ownerRow(st, name));
            }
        }
        return dead;
    }

    private static Optional<String> ownerRow(Statement st, String name) {
        try (ResultSet rs = st.executeQuery("SELECT owner FROM " + name + "." + TABLE)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty(); // no owner table: not a store with an owner, or dropped meanwhile
        }
    }

    private static void addIfDead(List<String> dead, String name, Optional<String> record) {
        if (NAME.matcher(name).matches() && record.flatMap(StoreOwner::parse).filter(StoreOwner::isDeadHere).isPresent()) {
            dead.add(name);
        }
    }
}
