package dev.ipcm.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the senders of a scaling child on one thread each, as concurrently as the machine allows. */
final class SenderThreads {
    private SenderThreads() {}

    /** What one sender does; {@code index} counts the senders from 0. */
    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code task} once per sender, all at once, and throws the first failure once all ended. */
    static void runAll(int senders, Task task) throws Exception {
        CountDownLatch done = new CountDownLatch(senders);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < senders; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    task.run(index);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "sender-" + i);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
