package dev.ipcm.protocol.db;

import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;

/** What the cross-process tests need from a target's test class: its store, and child JVMs for it. */
interface ChildProcesses {
    Store store();

    DbTargets target();

    /** A child JVM running {@link DbChild}, with the database user of this target. */
    default ChildJvm child(String... args) {
        ChildJvm c = ChildJvm.of(DbChild.class).args(args).quickStart();
        String user = target().user();
        if (user != null) {
            c.env(DbCredentials.USER_ENV, user);
        }
        return c;
    }
}
