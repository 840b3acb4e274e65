package dev.ipcm.protocol.db;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.util.Map;

/**
 * A child JVM's part in the cross-process tests.
 *
 * <ul>
 *   <li>{@code write INFO NAME TO COUNT}: connects as NAME, sends COUNT messages
 *       {@code {"w": NAME, "i": i}} to TO, disconnects, prints {@code done}.
 *   <li>{@code read INFO NAME}: reconnects the suspended NAME and receives once (a crash test sets
 *       the fault property so the receive stops before its delete).
 * </ul>
 */
public final class DbChild {
    private DbChild() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "write" -> write(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "read" -> read(args[1], args[2]);
            default -> throw new IllegalArgumentException("unknown mode: " + args[0]);
        }
    }

    private static void write(String info, String name, String to, int count) {
        try (Client c = Ipcm.connect(name, info)) {
            for (int i = 0; i < count; i++) {
                c.send(to, Map.of("w", name, "i", i));
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    private static void read(String info, String name) {
        Client c = Ipcm.reconnect(name, info);
        System.out.println("received " + c.receive().size());
        System.out.flush();
        c.close();
    }
}
