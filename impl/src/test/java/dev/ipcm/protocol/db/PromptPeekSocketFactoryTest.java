package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** The listener's sockets: only a 1 ms read with nothing readable is cut short; every other read is a socket's. */
class PromptPeekSocketFactoryTest {
    @Test
    void aOneMillisecondReadWithNothingReadableTimesOutAndLosesNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new PromptPeekSocketFactory().createSocket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            client.setSoTimeout(PromptPeekSocketFactory.PEEK_MILLIS);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(SocketTimeoutException.class);

            OutputStream out = peer.getOutputStream();
            out.write(new byte[] {1, 2, 3});
            out.flush();
            // Bytes on their way: the peek sees them once they are readable, and reads them.
            client.setSoTimeout(10_000);
            assertThat(in.read()).isEqualTo(1);
            client.setSoTimeout(PromptPeekSocketFactory.PEEK_MILLIS);
            byte[] rest = new byte[2];
            assertThat(in.read(rest, 0, 2)).isEqualTo(2);
            assertThat(rest).containsExactly(2, 3);
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
