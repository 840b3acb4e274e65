package dev.ipcm.protocol.socket;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * The other process in the kernel-transport tests (AtomicPipe, UnixSocket, ConnectionUnix),
 * run in a child JVM. Modes:
 *
 * <ul>
 *   <li>{@code writer INFO NAME TARGET COUNT SEED MAXPAD}: sends COUNT messages {@code {w, seq,
 *       len, pad}} with pads of random length 0..MAXPAD, then prints {@code DONE}.
 *   <li>{@code receiver INFO NAME}: prints {@code READY} and keeps reading until killed.
 *   <li>{@code bigwriter INFO NAME TARGET SMALL BIGBYTES}: sends SMALL small messages, prints
 *       {@code SENDING}, then sends one message of BIGBYTES (the test kills it meanwhile).
 * </ul>
 */
public final class KernelChild {
    private KernelChild() {}

    public static void main(String[] args) {
        String mode = args[0];
        String info = args[1];
        String name = args[2];
        try (Client c = Ipcm.connect(name, info)) {
            switch (mode) {
                case "writer":
                    writer(c, args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]), Integer.parseInt(args[6]));
                    break;
                case "receiver":
                    System.out.println("READY");
                    System.out.flush();
                    while (true) {
                        c.awaitMessages(Duration.ofSeconds(1));
                    }
                case "bigwriter":
                    await(c, args[3]);
                    for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                        c.send(args[3], Map.of("w", name, "seq", i));
                    }
                    System.out.println("SENDING");
                    System.out.flush();
                    c.send(args[3], Map.of("w", name, "big", "B".repeat(Integer.parseInt(args[5]))));
                    System.out.println("SENT");
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        System.out.flush();
    }

    private static void writer(Client c, String target, int count, long seed, int maxPad) {
        await(c, target);
        Random rnd = new Random(seed);
        byte[] letters = new byte[maxPad];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + rnd.nextInt(26));
        }
        String all = new String(letters, java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            int len = rnd.nextInt(maxPad + 1);
            int from = rnd.nextInt(maxPad - len + 1);
            c.send(target, Map.of("w", c.name(), "seq", i, "len", len, "pad", all.substring(from, from + len)));
        }
        System.out.println("DONE");
    }

    private static void await(Client c, String target) {
        if (!c.awaitPeerActive(target, Duration.ofSeconds(30))) {
            throw new IllegalStateException("peer " + target + " never became active");
        }
    }
}
