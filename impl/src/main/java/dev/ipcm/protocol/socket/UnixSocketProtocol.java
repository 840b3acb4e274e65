package dev.ipcm.protocol.socket;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.protocol.directory.DirectoryProtocol;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import org.apiguardian.api.API;
import org.newsclub.net.unix.AFSocket;

/**
 * UnixSocket: every client binds an AF_UNIX datagram socket in the store directory; one
 * datagram carries one message. The kernel keeps datagrams whole, so there is no framing, and
 * messages are limited to 65,536 serialized bytes (IPC::Manager's receive buffer). Suspend is
 * refused: queued datagrams live only while the socket is bound.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class UnixSocketProtocol extends DirectoryProtocol {
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.NON_BLOCKING_SEND,
            Capability.MESSAGE_WAKEUP, Capability.PEER_CHANGE_WAKEUP, Capability.INTERRUPTIBLE_WAIT)
            .withMaxMessageBytes(DatagramInbox.MAX_DATAGRAM);

    @Override
    public String name() {
        return "UnixSocket";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        try {
            if (AFSocket.isSupported()) {
                return Availability.available();
            }
            return Availability.unavailable("junixsocket has no native library for this platform, so AF_UNIX datagram "
                    + "sockets are not available", "use ConnectionUnix (JDK stream sockets) or AtomicPipe here");
        } catch (LinkageError e) {
            return Availability.unavailable("junixsocket could not be loaded: " + e,
                    "put junixsocket-core and its native-common jar on the class path");
        }
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new UnixSocketClient(request);
    }
}
