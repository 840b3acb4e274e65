package dev.ipcm.protocol.fs;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.util.Map;

/**
 * A writer for the kill-loop tests, run in a child JVM: {@code INFO NAME TO}. Connects as NAME,
 * prints {@code READY}, then sends {@code {"n": i, "pad": ...}} to TO for i = 0, 1, ... and prints
 * {@code ACK i} after each send returned, until it is killed.
 */
public final class CrashWriter {
    private static final String PAD = "x".repeat(512);

    private CrashWriter() {}

    public static void main(String[] args) {
        Client client = Ipcm.connect(args[1], args[0]);
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            client.send(args[2], Map.of("n", i, "pad", PAD));
            System.out.println("ACK " + i);
            System.out.flush();
        }
    }
}
