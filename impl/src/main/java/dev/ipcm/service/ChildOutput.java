package dev.ipcm.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Copies a child JVM's standard output to ours on a daemon thread. A pipe nobody reads would
 * block a chatty child, and inheriting the descriptor would write into channels the parent's own
 * tooling (a test runner, say) reserves for itself.
 */
final class ChildOutput {
    private ChildOutput() {}

    static void pump(Process process, String label) {
        Thread t = new Thread(() -> copy(process.getInputStream(), System.out), "ipcm-child-out-" + label);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, PrintStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // The child is gone; nothing more to copy.
        }
    }
}
