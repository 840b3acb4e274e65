package dev.ipcm.protocol.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkFramingTest {
    private static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @Test
    void helloFromPid0x2B10IsTheObservedTwentyOneBytes() {
        // docs/protocols/kernel-transports.md, "AtomicPipe framing": observed on little-endian x86-64;
        // the header is in native byte order.
        List<byte[]> chunks = ChunkFraming.chunks("HELLO".getBytes(StandardCharsets.US_ASCII), 0x2B10, 0);
        assertThat(chunks).hasSize(1);
        byte[] expected = hex("10 2b 00 00  00 00 00 00  00 00 00 00  05 00 00 00  48 45 4c 4c 4f");
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
            expected = hex("00 00 2b 10  00 00 00 00  00 00 00 00  00 00 00 05  48 45 4c 4c 4f");
        }
        assertThat(chunks.get(0)).containsExactly(expected);
    }

    @Test
    void fiveThousandBytesGoAsIndexOneThenIndexZero() {
        byte[] payload = new byte[5000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        List<byte[]> chunks = ChunkFraming.chunks(payload, 77, 3);
        assertThat(chunks).hasSize(2);
        ByteBuffer first = ByteBuffer.wrap(chunks.get(0)).order(ByteOrder.nativeOrder());
        ByteBuffer second = ByteBuffer.wrap(chunks.get(1)).order(ByteOrder.nativeOrder());
        assertThat(new int[] {first.getInt(), first.getInt(), first.getInt(), first.getInt()})
                .containsExactly(77, 3, 1, 4080);
        assertThat(new int[] {second.getInt(), second.getInt(), second.getInt(), second.getInt()})
                .containsExactly(77, 3, 0, 920);
        assertThat(chunks.get(0)).hasSize(4096);
        assertThat(chunks.get(1)).hasSize(16 + 920);
        assertThat(chunks.get(1)[16]).isEqualTo(payload[4080]);
    }

    @Test
    void everyChunkFitsInPipeBufAndAnEmptyPayloadHasNone() {
        assertThat(ChunkFraming.chunks(new byte[0], 1, 0)).isEmpty();
        assertThat(ChunkFraming.chunks(new byte[4080], 1, 0)).hasSize(1);
        assertThat(ChunkFraming.chunks(new byte[4081], 1, 0)).hasSize(2);
        assertThat(ChunkFraming.chunks(new byte[100_000], 1, 0)).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(4096));
    }
}
