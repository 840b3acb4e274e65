package dev.ipcm.protocol.db;

import java.util.function.BooleanSupplier;

/** How a database client sleeps until a message may have arrived: notification, file watch, or polling. */
interface ActivityWaiter extends AutoCloseable {
    /**
     * Forgets the wake-ups that have arrived so far; a receive calls it just before it reads the
     * inbox, whose rows already show what they announced. Returns false when it did not (another
     * thread is waiting, or the waiter does not skip checks): the next {@link #await} then checks
     * first. PostgreSQL's waiter does not: its listener also hears the notifications of the
     * client's own sends, and skipping the check measured slower there (in-process ping-pong p50
     * 6.3 to 6.7 ms with the skip, 4.8 to 5.3 ms without; not profiled further).
     */
    default boolean discardWakeups() {
        return false;
    }

    /**
     * Returns once {@code ready} says true, a wake-up says a message may have been committed for
     * this client, or {@code nanos} have passed, whichever is first; callers receive and wait
     * again, so an early return costs one receive. {@code ready} runs a query; implementations
     * bound how often.
     *
     * @param checked the caller found the inbox empty after {@link #discardWakeups()} succeeded and
     *     has not waited since, so the first check would only repeat that query
     */
    void await(long nanos, BooleanSupplier ready, boolean checked);

    @Override
    void close();
}
