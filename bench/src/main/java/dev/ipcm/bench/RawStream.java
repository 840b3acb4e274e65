package dev.ipcm.bench;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
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
    public Session start(Path workDir, int size) throws Exception {
        Path socket = workDir.resolve("listen.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new Session() {
            @Override
            public String childArgument() {
                return socket.toString();
            }

            @Override
            public Link parentLink(String name, String child) throws Exception {
                // The child connected before it said it was ready, so this does not wait.
                return link(server.accept(), size);
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    @Override
    public Link childLink(String argument, String name, String peer, int size) throws Exception {
        return link(SocketChannel.open(UnixDomainSocketAddress.of(Path.of(argument))), size);
    }

    private static Link link(SocketChannel channel, int size) {
        ByteBuffer frame = FrameWriter.frame(Payloads.bytes(size));
        FrameReader reader = new FrameReader(channel);
        return new Link() {
            @Override
            public void send() throws Exception {
                FrameWriter.write(channel, frame);
            }

            @Override
            public int receive() throws Exception {
                return reader.readFrames();
            }

            @Override
            public void close() throws Exception {
                channel.close();
            }
        };
    }
}
