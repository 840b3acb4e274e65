package dev.ipcm.junit;

import java.util.function.Supplier;

/**
 * Run-wide memory of what the harness found out or started per protocol (availability, a
 * database container), kept by the test engine so it is closed at the end of the run.
 */
interface BackendCache {
    /** The value under {@code key}, computed once. */
    <T> T get(String key, Class<T> type, Supplier<T> compute);
}
