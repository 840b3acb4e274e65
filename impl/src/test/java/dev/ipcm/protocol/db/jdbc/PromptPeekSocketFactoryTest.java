package dev.ipcm.protocol.db.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The listener's sockets, TCP and Unix: only a 1 ms read with nothing readable is cut short; every other read is a socket's. */
class PromptPeekSocketFactoryTest {
    @Test
    void aOneMillisecondReadWithNothingReadableTimesOutAndLosesNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new PromptPeekSocketFactory().createSocket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            client.setSoTimeout(PromptPeekSocket.PEEK_MILLIS);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(SocketTimeoutException.class);

            OutputStream out = peer.getOutputStream();
            out.write(new byte[] {1, 2, 3});
            out.flush();
            // Bytes on their way: the peek sees them once they are readable, and reads them.
            client.setSoTimeout(10_000);
            assertThat(in.read()).isEqualTo(1);
            client.setSoTimeout(PromptPeekSocket.PEEK_MILLIS);
            byte[] rest = new byte[2];
            assertThat(in.read(rest, 0, 2)).isEqualTo(2);
            assertThat(rest).containsExactly(2, 3);
        }
    }

    @Test
    void overAUnixSocketTheSameReadTimesOutAndLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".s.PGSQL.5432");
        try (AFUNIXServerSocket server = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(file));
                Socket client = new PromptPeekUnixSocketFactory(file.toString()).createSocket()) {
            // As pgjdbc connects: to a host and port the factory maps to its socket file.
            client.connect(java.net.InetSocketAddress.createUnresolved("localhost", 5432), 10_000);
            try (Socket peer = server.accept()) {
                InputStream in = client.getInputStream();
                client.setSoTimeout(PromptPeekSocket.PEEK_MILLIS);
                assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                peer.getOutputStream().write(new byte[] {4, 5});
                peer.getOutputStream().flush();
                client.setSoTimeout(10_000);
                assertThat(in.read()).isEqualTo(4);
                client.setSoTimeout(PromptPeekSocket.PEEK_MILLIS);
                assertThat(in.read()).isEqualTo(5);
                assertThat(client.isConnected()).isTrue();
            }
            client.close();
            assertThat(client.isClosed()).isTrue();
        }
    }

    @Test
    void otherTimeoutsBlockUntilDataComes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new PromptPeekSocketFactory().createSocket()) {
            client.connect(server.getLocalSocketAddress(), 10_000);
            try (Socket peer = server.accept()) {
                client.setSoTimeout(10_000);
                Thread writer = new Thread(() -> {
                    try {
                        peer.getOutputStream().write(7);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                writer.start();
                assertThat(client.getInputStream().read()).isEqualTo(7);
                writer.join(10_000);
                client.setSoTimeout(0);
                client.setSoTimeout(20);
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            }
        }
    }
}
