package dev.ipcm.protocol.db;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import dev.ipcm.protocol.GarbageFuzzTest;
import java.sql.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The garbage fuzz of {@link GarbageFuzzTest} on the configured database servers: rows nobody
 * could have sent (random or hostile content bytes under a fresh id, from a registered peer, as the
 * schema's foreign key wants) go into the receiver's inbox between legitimate messages; every
 * legitimate message arrives in order and the receiver stays up, the rows being set aside as corrupt.
 * The rows come from mallory, never from alice: junk that happens to decode (the single byte
 * {@code 7}) is a well-formed message, and one from alice would be taken for hers.
 */
class ServerGarbageFuzzTest {
    @ParameterizedTest
    @EnumSource(value = DbTargets.class, names = {"POSTGRESQL_SERVER", "MARIADB_SERVER", "MYSQL_SERVER"})
    void garbageRowsNeverCostALegitimateMessage(DbTargets target) throws Exception {
        try (Store store = Ipcm.spawn(target.spawnOptions());
                Client mallory = store.connect("mallory");
                Connection c = DbTargets.raw(target.protocol, store.route());
                StatementCache statements = new StatementCache(c)) {
            SqlStore sql = new SqlStore(target.dialect());
            GarbageFuzzTest.fuzzBob(store, (junk, rnd) -> {
                Message forged = Message.fromJson(Json.decode("{\"from\":\"mallory\",\"to\":\"bob\",\"content\":0}"));
                sql.insertMessage(statements, forged, junk);
            });
        }
    }
}
