package dev.ipcm.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/** Retries a busy lock after 20 µs, doubling to 250 µs, for up to 30 s: the SQLite protocol's policy. */
final class ShortBusyWait extends BusyHandler {
    private long since;

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            since = now;
        } else if (now - since >= TimeUnit.SECONDS.toNanos(30)) {
            return 0;
        }
        LockSupport.parkNanos(Math.min(250_000L, 20_000L << Math.min(previousCalls, 8)));
        return 1;
    }
}
