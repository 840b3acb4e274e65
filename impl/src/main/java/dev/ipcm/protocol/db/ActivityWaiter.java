package dev.ipcm.protocol.db;

import java.util.function.BooleanSupplier;

/** How a database client sleeps until a message may have arrived: notification, file watch, or polling. */
interface ActivityWaiter extends AutoCloseable {
    /**
     * Returns once {@code ready} says true, a wake-up addressed to this client says a message was
     * committed for it, or {@code nanos} have passed, whichever is first; callers receive and wait
     * again, so an early return costs one receive. {@code ready} runs a query; implementations
     * bound how often.
     */
    void await(long nanos, BooleanSupplier ready);

    @Override
    void close();
}
