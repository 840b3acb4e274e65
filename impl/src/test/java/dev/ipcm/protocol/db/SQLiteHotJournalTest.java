package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process killed inside a SQLite write transaction leaves a hot journal beside the store, which
 * a read-only connection cannot roll back. Connect's check that the file is an ipcm store reads
 * it read-only; it must take the hot journal as the SQLite database it proves, so that the next
 * client connects (and its read-write connection rolls the journal back) instead of failing.
 * The crash matrix found this with a killed sender; here the kill is made at a known point.
 */
class SQLiteHotJournalTest {
    @Test
    void aWriterKilledMidTransactionLeavesAStoreTheNextClientConnectsTo() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("SQLite"))) {
            Path db = Path.of(store.route());
            Process writer = ChildJvm.of(MidTransactionWriter.class).args(db.toString()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the writer is inside its transaction").isEqualTo("IN TRANSACTION");
            } finally {
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("the writer died").isTrue();
            }
            Path journal = db.resolveSibling(db.getFileName() + "-journal");
            assertThat(Files.size(journal)).as("a hot journal was left").isPositive();

            try (Client a = store.connect("after-a"); Client b = store.connect("after-b")) {
                a.send("after-b", "still a store");
                assertThat(b.awaitMessages(Duration.ofSeconds(30))).extracting(m -> m.content().asText())
                        .containsExactly("still a store");
            }
        }
    }

    /** Opens the store, starts a transaction big enough to spill into the journal, says so, and waits to be killed. */
    public static final class MidTransactionWriter {
        public static void main(String[] args) throws Exception {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS crash_scratch (x BLOB)");
                st.execute("PRAGMA cache_size = 1");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crash_scratch (x) VALUES (?)")) {
                for (int i = 0; i < 500; i++) {
                    ps.setBytes(1, new byte[4096]);
                    ps.executeUpdate();
                }
            }
            System.out.println("IN TRANSACTION");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // killed long before; bounded if not
        }
    }
}
