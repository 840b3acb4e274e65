package dev.ipcm.bench;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Raw baseline for ConnectionUnix: one AF_UNIX stream connection, length-prefixed frames. */
final class RawStream implements Transport {
    static final String SPEC = "raw:stream";

    @Override
    public String label() {
        return "raw stream socket";
    }

    @Override
    public boolean isRaw() {
        return true;
    }

    @Override
    public String spec() {
        return SPEC;
    }

    @Override
    public TransportSession start(Path workDir, int size) throws Exception {
        Path socket = workDir.resolve("listen.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new TransportSession() {
            @Override
            public String childArgument() {
                return socket.toString();
            }

            @Override
            public Link parentLink(String name, String child) throws Exception {
                // The child connected before it said it was ready, so this does not wait.
                SocketChannel accepted = server.accept();
                return new FramedLink(accepted, accepted, size);
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    @Override
    public Link childLink(String argument, String name, String peer, int size) throws Exception {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(argument)));
        return new FramedLink(channel, channel, size);
    }
}
