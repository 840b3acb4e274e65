package dev.ipcm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Random and hostile bytes written into a store's files, FIFOs, sockets and rows between
 * legitimate messages, for a bounded time and count: every legitimate message still arrives, in
 * order, and the receiver stays up (docs/protocols/file-stores.md, docs/protocols/kernel-transports.md,
 * docs/protocols/databases.md: an undecodable entry or row is set aside). The server databases
 * run the same loop from {@code dev.ipcm.protocol.db.ServerGarbageFuzzTest}.
 */
public class GarbageFuzzTest {
    private static final long FUZZ_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int MAX_ROUNDS = 400;

    /** Writes one piece of junk for bob into the store, as something other than an ipcm client would. */
    @FunctionalInterface
    public interface Injector {
        void inject(byte[] junk, Random rnd) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageFiles", "JSONFile", "AtomicPipe", "UnixSocket", "ConnectionUnix", "SQLite"})
    void garbageNeverCostsALegitimateMessage(String protocol) throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol))) {
            Path bobs = protocol.equals("SQLite") || protocol.equals("JSONFile") ? Path.of(store.route())
                    : Path.of(store.route(), "bob");
            fuzzBob(store, (junk, rnd) -> inject(protocol, bobs, junk, rnd));
        }
    }

    /**
     * Alice sends to bob while {@code injector} writes junk for bob, at random, for a few seconds;
     * then every message alice sent must have reached bob in order, and bob must still receive.
     */
    public static void fuzzBob(Store store, Injector injector) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (Client alice = store.connect("alice"); Client bob = store.connect("bob")) {
            List<Integer> sent = new ArrayList<>();
            List<Integer> got = new ArrayList<>();
            long end = System.nanoTime() + FUZZ_NANOS;
            for (int round = 0; round < MAX_ROUNDS && System.nanoTime() < end; round++) {
                if (rnd.nextBoolean()) {
                    alice.send("bob", Map.of("i", sent.size()));
                    sent.add(sent.size());
                } else {
                    injector.inject(hostile(rnd), rnd);
                }
                if (rnd.nextInt(8) == 0) {
                    collect(bob.receive(), got);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < sent.size() && System.nanoTime() < deadline) {
                collect(bob.awaitMessages(Duration.ofMillis(200)), got);
            }
            assertThat(got).as("seed %d", seed).isEqualTo(sent);
            alice.send("bob", Map.of("i", -1));
            List<Integer> last = new ArrayList<>();
            while (last.isEmpty() && System.nanoTime() < deadline) {
                collect(bob.awaitMessages(Duration.ofMillis(200)), last);
            }
            assertThat(last).as("seed %d: the receiver is still up", seed).containsExactly(-1);
            bob.takeCorruptMessages();
        }
    }

    /**
     * Alice's messages only: junk that happens to decode (a row whose content is the single byte
     * {@code 7}, say) is a well-formed message from mallory, which the store rightly delivers.
     */
    private static void collect(List<Message> messages, List<Integer> into) {
        for (Message m : messages) {
            if (m.from().equals("alice")) {
                into.add(m.content().get("i").asInt());
            }
        }
    }

    /** Random bytes, zeros, text, a frame header claiming 2 GB, or a chunk header claiming too much. */
    public static byte[] hostile(Random rnd) {
        byte[] b = new byte[1 + rnd.nextInt(600)];
        switch (rnd.nextInt(5)) {
            case 0 -> rnd.nextBytes(b);
            case 1 -> { }
            case 2 -> b = "{\"from\":\"mallory\",\"to\":\"bob\",\"content\":".repeat(1 + rnd.nextInt(5))
                    .getBytes(StandardCharsets.US_ASCII);
            case 3 -> b = ByteBuffer.allocate(104).putInt(0x7FFF_FFF0).array();
            default -> b = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder()).putInt(1)
                    .putInt(0).putInt(0).putInt(70_000).array();
        }
        return b;
    }

    private static void inject(String protocol, Path bobs, byte[] junk, Random rnd) throws Exception {
        switch (protocol) {
            case "MessageFiles" -> {
                Path entry = bobs.resolve(UUID.randomUUID() + ".ready");
                switch (rnd.nextInt(3)) {
                    case 0 -> Files.write(entry, junk);
                    case 1 -> Os.get().mkfifo(entry, 0600);
                    default -> Files.createDirectory(entry);
                }
            }
            case "AtomicPipe" -> {
                try (Fd fd = Os.get().open(bobs, Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
                    fd.write(junk, 0, Math.min(junk.length, 4096));
                }
            }
            case "UnixSocket" -> {
                try (AFUNIXDatagramChannel rogue = AFUNIXDatagramChannel.open()) {
                    rogue.connect(AFUNIXSocketAddress.of(bobs));
                    rogue.write(ByteBuffer.wrap(junk));
                }
            }
            case "JSONFile" -> JsonFileJunk.addToInbox(bobs, "bob", junk, rnd);
            case "SQLite" -> {
                // A row nobody could have sent: random or hostile content bytes, a UUID id.
                try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + bobs);
                        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO ipcm_messages(`id`, `from`, `to`, "
                                + "`stamp`, `broadcast`, `content`) VALUES (?, 'mallory', 'bob', ?, 0, ?)")) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setDouble(2, System.currentTimeMillis() / 1000.0);
                    ps.setBytes(3, junk);
                    ps.executeUpdate();
                }
            }
            default -> {
                try (SocketChannel rogue = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    rogue.connect(UnixDomainSocketAddress.of(bobs));
                    rogue.write(ByteBuffer.wrap(junk));
                }
            }
        }
    }
}
