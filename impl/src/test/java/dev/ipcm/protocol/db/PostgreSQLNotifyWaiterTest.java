package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Closing the PostgreSQL waiter while another thread waits in it, on the running server: the
 * client closes its waiter while holding its I/O lock, and the waiting thread's inbox check needs
 * that same lock. A close that waited for the waiter's own lock deadlocked there.
 */
class PostgreSQLNotifyWaiterTest {
    @Test
    void closeDoesNotWaitForAThreadWhoseInboxCheckWaitsForTheCaller() throws Exception {
        DbLocation location = DbLocation.parse(DbTargets.POSTGRESQL_SERVER.server(), false);
        ReentrantLock io = new ReentrantLock();
        CountDownLatch checking = new CountDownLatch(1);
        // Own threads, not the common pool: on two cores it has one thread, which the wait would hold.
        ExecutorService threads = Executors.newCachedThreadPool();
        try (DbSession session = new DbSession(PostgreSQLDialect.INSTANCE, location,
                DbCredentials.resolve(Map.of(), location))) {
            PostgreSQLNotifyWaiter waiter = new PostgreSQLNotifyWaiter(session, "waiter-test");
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() ->
                    waiter.await(TimeUnit.SECONDS.toNanos(60), () -> {
                        checking.countDown();
                        io.lock(); // the client's lock, held by the closing thread below
                        io.unlock();
                        return false;
                    }, false), threads);
            io.lock();
            try {
                assertThat(checking.await(30, TimeUnit.SECONDS)).isTrue();
                CompletableFuture.runAsync(waiter::close, threads).get(30, TimeUnit.SECONDS);
            } finally {
                io.unlock();
            }
            // The wait sees the close at its next step and leaves, closing the listener on its way out.
            waiting.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
