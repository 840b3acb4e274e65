package dev.ipcm.cli;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs blocking work (a waiting {@code recv}, a stream reader) on a thread of its own. The common
 * pool can have a single worker on a two-core machine, and two blocked tasks there would wait for
 * each other.
 */
final class Background {
    private Background() {}

    static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread t = new Thread(task, "cli-test-background");
            t.setDaemon(true);
            t.start();
        });
    }
}
