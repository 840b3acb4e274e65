package dev.ipcm.protocol.fs;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.io.IOException;
import java.util.Map;

/**
 * The other process of the cross-process tests, run in a child JVM.
 *
 * <ul>
 *   <li>{@code hold INFO NAME}: connect, print {@code READY}, and stay connected until standard
 *       input closes (tests kill it with SIGKILL instead).
 *   <li>{@code send INFO NAME TO COUNT}: connect, send {@code {"n": i}} for i = 0 .. COUNT-1,
 *       disconnect, print {@code DONE}.
 * </ul>
 */
public final class FsChild {
    private FsChild() {}

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        String info = args[1];
        String name = args[2];
        Client client = Ipcm.connect(name, info);
        switch (mode) {
            case "hold" -> {
                System.out.println("READY");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Stay connected until the parent closes our standard input or kills us.
                }
                client.disconnect();
            }
            case "send" -> {
                String to = args[3];
                int count = Integer.parseInt(args[4]);
                System.out.println("READY");
                System.out.flush();
                for (int i = 0; i < count; i++) {
                    client.send(to, Map.of("n", i));
                }
                client.disconnect();
                System.out.println("DONE");
            }
            default -> throw new IllegalArgumentException("unknown mode: " + mode);
        }
        System.out.flush();
        System.exit(0);
    }
}
