package dev.ipcm.protocol.socket;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.protocol.directory.DirectoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import org.apiguardian.api.API;

/**
 * ConnectionUnix: per-peer AF_UNIX stream connections with length-prefixed frames. A listening
 * client binds a stream socket in the store directory; a client connected with
 * {@code listen=false} leaves an empty marker file instead and receives only over connections it
 * opened itself. Clients are {@link ConnectionClient}s. Suspend is refused.
 *
 * <p>Client parameters: {@code listen} ({@code false} or {@code 0} for a marker file; default
 * listening) and {@code backlog} (the listen queue; default the system's {@code somaxconn}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConnectionUnixProtocol extends DirectoryProtocol {
    /** A frame's 4-byte length field caps one message at 2^32-1 serialized bytes. */
    static final long MAX_FRAME_PAYLOAD = 0xFFFF_FFFFL;

    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.NON_BLOCKING_SEND,
            Capability.MESSAGE_WAKEUP, Capability.PEER_CHANGE_WAKEUP, Capability.CONNECTIONS,
            Capability.INTERRUPTIBLE_WAIT)
            .withMaxMessageBytes(MAX_FRAME_PAYLOAD);

    @Override
    public String name() {
        return "ConnectionUnix";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return Availability.available();
        } catch (Exception e) {
            return Availability.unavailable("this JVM cannot open AF_UNIX stream sockets: " + e,
                    "run on JDK 16 or later on an OS with UNIX-domain sockets");
        }
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new ConnectionUnixClient(request);
    }
}
