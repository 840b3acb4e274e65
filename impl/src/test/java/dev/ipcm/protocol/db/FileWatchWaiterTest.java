package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SQLite waiter wakes on a commit by another connection, in the default journal mode (the
 * journal's deletion) and in WAL mode (the log's modification). The inbox check it is given
 * always says "nothing", so only the watch can end the wait before its 60 s limit.
 */
class FileWatchWaiterTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"delete", "wal"})
    void aCommitByAnotherConnectionEndsTheWait(String journalMode) throws Exception {
        Path file = dir.resolve("watched.sqlite");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=" + journalMode);
                s.execute("CREATE TABLE t(v TEXT)");
            }
            try (ActivityWaiter waiter = FileWatchWaiter.forFile(file, journalMode)) {
                assertThat(waiter).isInstanceOf(FileWatchWaiter.class);
                CountDownLatch waiting = new CountDownLatch(1);
                CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
                    long start = System.nanoTime();
                    waiting.countDown();
                    waiter.await(WAIT_NANOS, () -> false, true);
                    return System.nanoTime() - start;
                });
                assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
                // Commits until the waiter has returned: one commit could land before it watches.
                while (!waited.isDone()) {
                    insert(writer);
                    try {
                        waited.get(20, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException stillWaiting) {
                        // commit again
                    }
                }
                assertThat(waited.get()).isLessThan(WAIT_NANOS);
            }
        }
    }

    private static void insert(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t(v) VALUES ('x')");
        }
    }
}
