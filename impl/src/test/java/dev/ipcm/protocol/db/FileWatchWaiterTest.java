package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    // Its own threads: the waits block, and the common pool may have a single thread.
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "wal"})
    void aCommitByAnotherConnectionEndsTheWait(String journalMode) throws Exception {
        Path file = dir.resolve("watched.sqlite");
        try (Connection writer = open(file, journalMode)) {
            try (ActivityWaiter waiter = FileWatchWaiter.forFile(file, journalMode)) {
                assertThat(waiter).isInstanceOf(FileWatchWaiter.class);
                Future<Long> waited = startWaiting(waiter);
                commitUntilDone(writer, List.of(waited));
                assertThat(waited.get()).isLessThan(WAIT_NANOS);
            }
        }
    }

    @Test
    void manyWaitersOfOneDatabaseShareOneWatchThreadAndEachWakes() throws Exception {
        Path file = dir.resolve("shared.sqlite");
        try (Connection writer = open(file, "delete")) {
            long watchThreadsBefore = watchThreads();
            long jdkWatchThreadsBefore = jdkWatchThreads();
            List<ActivityWaiter> waiters = new ArrayList<>();
            try {
                for (int i = 0; i < 32; i++) {
                    waiters.add(FileWatchWaiter.forFile(file, "delete"));
                }
                // One JDK watch thread (if this JVM had none yet) and one dispatcher, not one each.
                assertThat(watchThreads()).isLessThanOrEqualTo(watchThreadsBefore + 2);
                if (dev.ipcm.os.Inotify.available()) {
                    assertThat(jdkWatchThreads()).as("inotify is read directly, without the JDK's thread")
                            .isEqualTo(jdkWatchThreadsBefore);
                }
                List<Future<Long>> waits = new ArrayList<>();
                for (ActivityWaiter w : waiters.subList(0, 4)) {
                    waits.add(startWaiting(w));
                }
                commitUntilDone(writer, waits);
                for (Future<Long> w : waits) {
                    assertThat(w.get()).isLessThan(WAIT_NANOS);
                }
            } finally {
                waiters.forEach(ActivityWaiter::close);
            }
        }
    }

    @Test
    void aWaiterReachedThroughASymlinkedDirectoryStillWakes() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Path file = real.resolve("db.sqlite");
        try (Connection writer = open(file, "delete");
                ActivityWaiter direct = FileWatchWaiter.forFile(file, "delete");
                ActivityWaiter viaLink = FileWatchWaiter.forFile(link.resolve("db.sqlite"), "delete")) {
            Future<Long> a = startWaiting(direct);
            Future<Long> b = startWaiting(viaLink);
            commitUntilDone(writer, List.of(a, b));
            assertThat(a.get()).isLessThan(WAIT_NANOS);
            assertThat(b.get()).isLessThan(WAIT_NANOS);
        }
    }

    @Test
    void closingAWaiterEndsItsWaitAndLeavesTheOthersWatching() throws Exception {
        Path file = dir.resolve("closing.sqlite");
        try (Connection writer = open(file, "delete");
                ActivityWaiter stays = FileWatchWaiter.forFile(file, "delete")) {
            ActivityWaiter leaves = FileWatchWaiter.forFile(file, "delete");
            Future<Long> left = startWaiting(leaves);
            leaves.close();
            assertThat(left.get(30, TimeUnit.SECONDS)).isLessThan(WAIT_NANOS);
            Future<Long> waited = startWaiting(stays);
            commitUntilDone(writer, List.of(waited));
            assertThat(waited.get()).isLessThan(WAIT_NANOS);
        }
    }

    private Future<Long> startWaiting(ActivityWaiter waiter) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Future<Long> f = threads.submit(() -> {
            long start = System.nanoTime();
            started.countDown();
            waiter.await(WAIT_NANOS, () -> false, true);
            return System.nanoTime() - start;
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    /** Commits until every wait has returned: one commit could land before a waiter watches. */
    private static void commitUntilDone(Connection writer, List<? extends Future<?>> waits) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (Future<?> w : waits) {
            while (!w.isDone() && System.nanoTime() < deadline) {
                insert(writer);
                try {
                    w.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // commit again
                }
            }
        }
    }

    private static Connection open(Path file, String journalMode) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=" + journalMode);
            s.execute("CREATE TABLE t(v TEXT)");
        }
        return c;
    }

    private static void insert(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t(v) VALUES ('x')");
        }
    }

    private static long jdkWatchThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("FileSystemWatchService")).count();
    }

    private static long watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("FileSystemWatchService") || t.getName().equals("ipcm-sqlite-watch"))
                .count();
    }
}
