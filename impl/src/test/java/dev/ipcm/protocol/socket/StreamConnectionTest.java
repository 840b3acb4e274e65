package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamConnectionTest {
    @TempDir
    Path dir;

    @Test
    void aHeaderAnnouncingGigabytesAllocatesOnlyWhatArrived() throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel writer = SocketChannel.open(address); SocketChannel accepted = server.accept()) {
                accepted.configureBlocking(false);
                StreamConnection c = new StreamConnection(accepted, StreamConnection.Role.ACCEPTOR, null);
                ByteBuffer hostile = ByteBuffer.allocate(104);
                hostile.putInt(0x7FFF_FFF0).put(new byte[100]).flip();
                writer.write(hostile);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!c.hasPartialInput() && System.nanoTime() < deadline) {
                    c.pump();
                    Thread.onSpinWait();
                }
                assertThat(c.hasPartialInput()).isTrue();
                assertThat(c.frames).isEmpty();
                assertThat(c.inputCapacity()).isLessThanOrEqualTo(1 << 16);
                c.close();
            }
        }
    }
}
