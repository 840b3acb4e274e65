package dev.ipcm.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFdBufferTest {
    @TempDir
    Path dir;

    @Test
    void directBuffersGoThroughAFifoAndAnEmptyNonBlockingReadIsZero() throws Exception {
        Path fifo = dir.resolve("f");
        Os.get().mkfifo(fifo, 0600);
        try (Fd reader = Os.get().open(fifo, Fd.O_RDWR | Fd.O_NONBLOCK, 0);
                Fd writer = Os.get().open(fifo, Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            assertThat(reader.read(in)).isZero();
            assertThat(reader.awaitReadable(0)).isFalse();
            ByteBuffer out = ByteBuffer.allocateDirect(16);
            out.put(new byte[] {9, 8, 7, 6, 5}).flip();
            out.position(1);
            assertThat(writer.write(out)).isEqualTo(4);
            assertThat(out.hasRemaining()).isFalse();
            assertThat(reader.awaitReadable(5000)).isTrue();
            in.position(2);
            assertThat(reader.read(in)).isEqualTo(4);
            assertThat(in.position()).isEqualTo(6);
            assertThat(in.get(2)).isEqualTo((byte) 8);
            assertThat(in.get(5)).isEqualTo((byte) 5);
            assertThat(writer.awaitWritable(0)).isTrue();
        }
    }

    @Test
    void aWriteWithoutReaderFailsWithEpipe() throws Exception {
        Path fifo = dir.resolve("f");
        Os.get().mkfifo(fifo, 0600);
        Fd reader = Os.get().open(fifo, Fd.O_RDWR | Fd.O_NONBLOCK, 0);
        try (Fd writer = Os.get().open(fifo, Fd.O_WRONLY | Fd.O_NONBLOCK, 0)) {
            reader.close();
            ByteBuffer out = ByteBuffer.allocateDirect(4).putInt(1).flip();
            assertThatThrownBy(() -> writer.write(out)).isInstanceOf(ErrnoException.class)
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.EPIPE))
                    .hasMessageContaining(fifo.toString());
        }
    }

    @Test
    void theLinkCountOfAnOpenFifoDropsToZeroWhenItsNameIsRemoved() throws Exception {
        Path fifo = dir.resolve("f");
        Os.get().mkfifo(fifo, 0600);
        try (Fd fd = Os.get().open(fifo, Fd.O_RDWR | Fd.O_NONBLOCK, 0)) {
            long before = fd.linkCount();
            Files.delete(fifo);
            long after = fd.linkCount();
            if (before >= 0) { // -1: this system has no statx
                assertThat(before).isEqualTo(1);
                assertThat(after).isZero();
            }
        }
    }
}
