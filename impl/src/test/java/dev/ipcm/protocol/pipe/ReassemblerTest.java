package dev.ipcm.protocol.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReassemblerTest {
    /** Writers interleave whole chunks at random; the reader gets the stream in random slices. */
    @Property(tries = 60)
    void interleavedWritersAndArbitrarySlicesReassembleEveryMessage(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 5) int writers) {
        Random rnd = new Random(seed);
        List<List<byte[]>> pending = new ArrayList<>();
        List<List<byte[]>> sent = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<byte[]> chunks = new ArrayList<>();
            List<byte[]> messages = new ArrayList<>();
            for (int m = 0; m < 1 + rnd.nextInt(6); m++) {
                byte[] payload = new byte[1 + rnd.nextInt(20_000)];
                rnd.nextBytes(payload);
                messages.add(payload);
                chunks.addAll(ChunkFraming.chunks(payload, 1000 + w, w % 2));
            }
            pending.add(chunks);
            sent.add(messages);
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        while (pending.stream().anyMatch(l -> !l.isEmpty())) {
            List<byte[]> from = pending.get(rnd.nextInt(pending.size()));
            if (!from.isEmpty()) {
                stream.writeBytes(from.remove(0));
            }
        }
        byte[] all = stream.toByteArray();
        Reassembler r = new Reassembler();
        int off = 0;
        while (off < all.length) {
            int n = Math.min(all.length - off, 1 + rnd.nextInt(9000));
            r.feed(all, off, n);
            off += n;
        }
        List<byte[]> got = new ArrayList<>();
        byte[] p;
        while ((p = r.poll()) != null) {
            got.add(p);
        }
        List<byte[]> expected = new ArrayList<>();
        sent.forEach(expected::addAll);
        assertThat(got).hasSameSizeAs(expected);
        for (List<byte[]> perWriter : sent) {
            // Per writer, order is kept.
            List<byte[]> mine = new ArrayList<>();
            for (byte[] g : got) {
                for (byte[] s : perWriter) {
                    if (java.util.Arrays.equals(g, s)) {
                        mine.add(s);
                    }
                }
            }
            assertThat(mine).containsExactlyElementsOf(perWriter);
        }
        assertThat(r.hasPartial()).isFalse();
    }

    @Test
    void aDeadWritersPartialMessageIsDroppedWithoutDisturbingOthers() {
        Reassembler r = new Reassembler();
        List<byte[]> dying = ChunkFraming.chunks(new byte[10_000], 111, 0);
        List<byte[]> living = ChunkFraming.chunks(new byte[9_000], 222, 0);
        feed(r, dying.get(0));
        feed(r, living.get(0));
        feed(r, dying.get(1)); // the writer dies before its last chunk
        feed(r, living.get(1));
        assertThat(r.partialWriterPids()).containsExactlyInAnyOrder(111, 222);
        assertThat(r.dropWriters(pid -> pid == 111)).isEqualTo(1);
        feed(r, living.get(2));
        assertThat(r.poll()).hasSize(9_000);
        assertThat(r.poll()).isNull();
        assertThat(r.hasPartial()).isFalse();
    }

    @Test
    void aHeaderAnnouncingMoreThanAChunkIsSkippedAsJunkAndTheNextChunkArrives() {
        Reassembler r = new Reassembler();
        byte[] bad = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(5).putInt(0).putInt(0).putInt(70_000).array();
        assertThatThrownBy(() -> r.feed(bad, 0, bad.length))
                .isInstanceOf(Reassembler.CorruptStreamException.class)
                .hasMessageContaining("from pid 5");
        feed(r, ChunkFraming.chunks(new byte[] {1, 2, 3}, 5, 0).get(0));
        assertThat(r.poll()).containsExactly(1, 2, 3);
    }

    /**
     * The case CI found (sample 78350): a read ended 7 bytes into the last junk byte and the real
     * header after it; the window starting at that junk byte, completed by the next read, looked
     * like a header (pid 0x109278, index 0, length 2560) and swallowed the next two chunks.
     */
    @Test
    void aWindowStraddlingJunkAndAHeaderAcrossTwoReadsIsNotTakenForAHeader() {
        junkBetweenChunksCostsOnlyItself(78350L);
    }

    /** Junk (one atomic write) lands between whole chunks; every message around it still arrives. */
    @Property(tries = 100)
    void junkBetweenChunksCostsOnlyItself(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int m = 0; m < 10; m++) {
            byte[] payload = new byte[1 + rnd.nextInt(9_000)];
            rnd.nextBytes(payload);
            sent.add(payload);
            for (byte[] chunk : ChunkFraming.chunks(payload, 4242, 0)) {
                stream.writeBytes(chunk);
                if (rnd.nextInt(3) == 0) {
                    byte[] junk = new byte[1 + rnd.nextInt(300)];
                    switch (rnd.nextInt(3)) {
                        case 0 -> rnd.nextBytes(junk);
                        case 1 -> java.util.Arrays.fill(junk, (byte) 0);
                        default -> java.util.Arrays.fill(junk, (byte) 'x');
                    }
                    stream.writeBytes(junk);
                }
            }
        }
        byte[] all = stream.toByteArray();
        Reassembler r = new Reassembler();
        List<byte[]> got = new ArrayList<>();
        for (int off = 0; off < all.length; ) {
            int n = Math.min(all.length - off, 1 + rnd.nextInt(5_000));
            try {
                r.feed(all, off, n);
            } catch (Reassembler.CorruptStreamException expected) {
                // reported; the chunks around it are kept
            }
            off += n;
            for (byte[] p; (p = r.poll()) != null; ) {
                got.add(p);
            }
        }
        assertThat(got).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i)).isEqualTo(sent.get(i));
        }
    }

    @Test
    void aWriterSendingShortChunksBeforeItsLastStillArrivesWhole() {
        Reassembler r = new Reassembler();
        byte[] expected = new byte[4 * 100];
        for (int k = 0; k < 4; k++) {
            byte[] data = new byte[100];
            java.util.Arrays.fill(data, (byte) k);
            System.arraycopy(data, 0, expected, k * 100, 100);
            feed(r, chunk(7, 0, 3 - k, data));
            // one chunk per read, so the message length is guessed from the first chunk's index
        }
        assertThat(r.poll()).containsExactly(expected);
        assertThat(r.hasPartial()).isFalse();
    }

    @Test
    void aChunkWithAnIndexNoMessageCanHaveIsSkippedAsJunkWithoutReservingAnything() {
        Reassembler r = new Reassembler();
        assertThatThrownBy(() -> feed(r, chunk(7, 0, 0xfffffff0, new byte[] {1, 2})))
                .isInstanceOf(Reassembler.CorruptStreamException.class).hasMessageContaining("from pid 7");
        feed(r, chunk(7, 0, 0, new byte[] {3}));
        assertThat(r.poll()).containsExactly(3);
        assertThat(r.hasPartial()).isFalse();
    }

    @Test
    void aMessageWhoseChunksAreAllInOneReadComesOutWithItsExactBytes() {
        byte[] payload = new byte[5000];
        new Random(3).nextBytes(payload);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        ChunkFraming.chunks(payload, 9, 1).forEach(both::writeBytes);
        ChunkFraming.chunks(new byte[] {42}, 10, 1).forEach(both::writeBytes);
        Reassembler r = new Reassembler();
        byte[] all = both.toByteArray();
        r.feed(all, 0, all.length);
        assertThat(r.poll()).containsExactly(payload);
        assertThat(r.poll()).containsExactly(42);
    }

    private static byte[] chunk(int pid, int tid, int index, byte[] data) {
        return ByteBuffer.allocate(16 + data.length).order(ByteOrder.nativeOrder())
                .putInt(pid).putInt(tid).putInt(index).putInt(data.length).put(data).array();
    }

    private static void feed(Reassembler r, byte[] chunk) {
        r.feed(chunk, 0, chunk.length);
    }
}
