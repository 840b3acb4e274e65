package dev.ipcm.protocol.db.server;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.util.concurrent.locks.LockSupport;

/** A child JVM that spawns a store on a temporary server, prints its route, and waits to be killed. */
final class TempServerOwnerChild {
    private TempServerOwnerChild() {}

    public static void main(String[] args) {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(args[0]).param("server", "temporary"));
        System.out.println("ROUTE " + store.route());
        System.out.flush();
        long deadline = System.nanoTime() + 120_000_000_000L; // never outlive a test that forgot us
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000_000L);
        }
    }
}
