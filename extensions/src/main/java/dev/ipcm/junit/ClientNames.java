package dev.ipcm.junit;

import java.util.concurrent.atomic.AtomicLong;

/** Generated client names, unique in this JVM so parallel tests never collide on one store. */
final class ClientNames {
    private static final AtomicLong NEXT = new AtomicLong();

    private ClientNames() {}

    static String next() {
        return "client-" + NEXT.incrementAndGet();
    }
}
