package dev.ipcm.sweep;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;

/**
 * A process that spawns stores for {@link OwnerSweepTest}. {@code owner P...}: per protocol a
 * guarded store ({@code G <info>}) and a kept one as {@code ipcm spawn} makes it ({@code K <info>}),
 * then waits to be killed. {@code next P...}: spawns one store per protocol ({@code N <info>}),
 * which sweeps, and exits, destroying them.
 */
public final class OwnerSweepChild {
    private OwnerSweepChild() {}

    public static void main(String[] args) throws Exception {
        boolean owner = args[0].equals("owner");
        for (int i = 1; i < args.length; i++) {
            SpawnOptions options = SpawnOptions.defaults().protocol(args[i]);
            if (owner) {
                System.out.println("G " + Ipcm.spawn(options).info());
                System.out.println("K " + Ipcm.spawn(options).keep().info());
            } else {
                try (Store store = Ipcm.spawn(options)) {
                    System.out.println("N " + store.info());
                }
            }
        }
        System.out.println("READY");
        System.out.flush();
        if (owner) {
            Thread.sleep(120_000); // the test kills it long before; never outlives a test that died itself
        }
    }
}
