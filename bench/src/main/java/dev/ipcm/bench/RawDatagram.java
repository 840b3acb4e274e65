package dev.ipcm.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Raw baseline for UnixSocket: one AF_UNIX datagram per message, each side bound to its own path. */
final class RawDatagram extends PeerDirectoryTransport {
    static final String SPEC = "raw:datagram";

    RawDatagram() {
        super("raw datagram socket", SPEC);
    }

    /** Binds {@code name}'s socket; connects to the peer lazily, as the peer may bind later. */
    @Override
    Link open(Path dir, String name, String peer, int size) throws Exception {
        AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
        channel.bind(AFUNIXSocketAddress.of(dir.resolve(name + ".sock")));
        AFUNIXSocketAddress target = AFUNIXSocketAddress.of(dir.resolve(peer + ".sock"));
        ByteBuffer payload = ByteBuffer.allocateDirect(size).put(Payloads.bytes(size)).flip();
        ByteBuffer in = ByteBuffer.allocateDirect(65536);
        return new Link() {
            @Override
            public void send() throws Exception {
                channel.send(payload.duplicate(), target);
            }

            @Override
            public int receive() throws Exception {
                in.clear();
                channel.receive(in);
                return 1;
            }

            @Override
            public void close() throws Exception {
                channel.close();
            }
        };
    }
}
