package dev.ipcm.protocol.db;

import java.util.function.BooleanSupplier;

/** How a database client sleeps until a message may have arrived: notification, file watch, or polling. */
interface ActivityWaiter extends AutoCloseable {
    /**
     * Returns once {@code ready} says true or {@code nanos} have passed, whichever is first.
     * {@code ready} runs a query; implementations bound how often.
     */
    void await(long nanos, BooleanSupplier ready);

    @Override
    void close();
}
