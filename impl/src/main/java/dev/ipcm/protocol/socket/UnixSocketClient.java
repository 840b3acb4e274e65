package dev.ipcm.protocol.socket;

import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.os.FileType;
import dev.ipcm.protocol.directory.PeerOutboxClient;
import dev.ipcm.protocol.directory.OnDiskNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * A UnixSocket client: receives datagrams on its own bound socket, sends each message as one
 * datagram through a cached socket connected to the peer. Non-blocking sends queue whole
 * payloads per peer; a blocking send empties that peer's queue first.
 */
final class UnixSocketClient extends PeerOutboxClient<DatagramPeer> {
    /** Volatile for {@link #wakeWaiter()}, which may not take the I/O lock. */
    private volatile DatagramInbox inbox;

    UnixSocketClient(ConnectRequest request) {
        super(request, UnixSocketProtocol.CAPABILITIES, OnDiskNames.socketBudget(request.route()), new HashMap<>());
        register();
        synchronized (io) {
            if (inbox == null) {
                throw new IpcmException("Cannot reconnect '" + name() + "' on UnixSocket: its socket is bound by no "
                        + "process and cannot be re-bound; connect it afresh instead");
            }
        }
    }

    // ==== endpoint ===========================================================================

    @Override
    protected boolean isEndpoint(Path path) {
        return FileType.of(path) == FileType.SOCKET;
    }

    @Override
    protected void createEndpoint(Path path) throws IOException {
        try {
            inbox = DatagramInbox.bind(path, this::oversizedDatagram);
        } catch (IOException e) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path.toString());
            }
            throw e;
        }
        // Only the owner may send to it; the store directory is private already, this is belt and braces.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    protected String endpointType() {
        return "UNIX Socket";
    }

    // ==== sending ============================================================================

    @Override
    protected boolean send(String to, byte[] payload, boolean block) {
        DatagramPeer peer = peerFor(to);
        if (peer.queued() == 0) {
            // Nothing ahead of it: straight to the socket, no queue and no callbacks (the common case).
            try {
                if (peer.sendNow(payload, block)) {
                    return true;
                }
            } catch (DatagramPeer.PeerRefusedException e) {
                return resendAfterRefusal(to, payload, block);
            } catch (IOException e) {
                if (peerClosedMeanwhile(e)) {
                    return resendAfterRefusal(to, payload, block);
                }
                throw sendFailed(to, e);
            }
        }
        peer.enqueue(payload);
        boolean[] mineSent = {false};
        flush(to, peer, block, p -> {
            if (p == payload) {
                mineSent[0] = true;
            } else {
                countSent(to);
            }
        });
        return mineSent[0];
    }

    /**
     * A send through a cached socket was refused: the peer's socket is closed. Looks at the route
     * directory again, as the cache skipped that: a peer that left is not there any more
     * (NoSuchPeerException, as a fresh look-up would have said); otherwise a fresh connection
     * tells a peer that came back under the same name (its new socket takes the message; the file
     * key cannot tell, as the file system may reuse the inode at once) from one that died and left
     * its socket file behind (the connect is refused: PeerGoneException).
     */
    private boolean resendAfterRefusal(String to, byte[] payload, boolean block) {
        drop(to);
        if (peerEndpoint(to).isEmpty()) {
            throw noSuchPeer(to);
        }
        DatagramPeer fresh = peerFor(to);
        try {
            return fresh.sendNow(payload, block) || queueBehind(fresh, payload);
        } catch (DatagramPeer.PeerRefusedException again) {
            drop(to);
            throw peerGone(to, "refuses connections", 0, again);
        } catch (IOException again) {
            throw sendFailed(to, again);
        }
    }

    /**
     * A send to a socket its owner closed a moment ago can fail with EPIPE instead of a refusal
     * (the kernel tells the connected sender first); junixsocket then closes the sending channel
     * and throws AsynchronousCloseException. It means what a refusal means.
     */
    private static boolean peerClosedMeanwhile(IOException e) {
        return e instanceof java.nio.channels.AsynchronousCloseException
                && e.getCause() instanceof org.newsclub.net.unix.BrokenPipeSocketException;
    }

    /** Queues a payload a non-blocking send could not hand over; it goes out with a later send or drain. */
    private static boolean queueBehind(DatagramPeer peer, byte[] payload) {
        peer.enqueue(payload);
        return false;
    }

    private IpcmException sendFailed(String to, IOException e) {
        if ("Message too long".equals(e.getMessage())) {
            return new MessageTooLargeException("The datagram to '" + to + "' is larger than this system's socket "
                    + "send buffer allows; keep messages under " + DatagramInbox.MAX_DATAGRAM + " bytes", e);
        }
        int lost = drop(to);
        return new IpcmException("Cannot send message to '" + to + "': " + e.getMessage()
                + (lost > 0 ? "; " + lost + " queued message(s) to it were dropped" : ""), e);
    }

    private int flush(String to, DatagramPeer peer, boolean block, java.util.function.Consumer<byte[]> sent) {
        int[] n = {0};
        try {
            try {
                peer.flush(block, p -> {
                    n[0]++;
                    sent.accept(p);
                });
            } catch (IOException e) {
                if (peerClosedMeanwhile(e)) {
                    throw new DatagramPeer.PeerRefusedException(e);
                }
                throw e;
            }
        } catch (DatagramPeer.PeerRefusedException e) {
            int lost = drop(to);
            if (peerEndpoint(to).isEmpty()) {
                // It left (the look-up the cache skipped would have said so): no such peer, as before.
                if (lost > 0) {
                    warn(lost + " queued message(s) to '" + to + "' were dropped: it disconnected");
                }
                throw noSuchPeer(to);
            }
            throw peerGone(to, "refuses connections", lost, e);
        } catch (IOException e) {
            throw sendFailed(to, e);
        }
        return n[0];
    }

    /**
     * The cached socket connected to {@code to}, looked up again (two {@code stat} calls) only when
     * the route directory changed since; a send it refuses looks again too.
     */
    private DatagramPeer peerFor(String to) {
        DatagramPeer peer = outboxes.get(to);
        long version = routeVersion();
        if (peer != null && peer.seenAt == version) {
            return peer;
        }
        Path socket = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        Object key = PeerEndpoints.fileKey(socket).orElseThrow(() -> noSuchPeer(to));
        if (peer != null && !peer.fileKey().equals(key)) {
            // The peer left and a new client bound the name: the old backlog was for the one that left.
            int lost = drop(to);
            if (lost > 0) {
                warn(lost + " queued message(s) to '" + to + "' were dropped: its socket was replaced");
            }
            peer = null;
        }
        if (peer == null) {
            try {
                peer = DatagramPeer.connect(socket, key);
            } catch (DatagramPeer.PeerRefusedException e) {
                throw peerGone(to, "refuses connections", 0, e);
            } catch (IOException e) {
                throw new IpcmException("Cannot connect to socket '" + socket + "' of '" + to + "': " + e.getMessage(), e);
            }
            outboxes.put(to, peer);
        }
        peer.seenAt = version;
        return peer;
    }

    private PeerGoneException peerGone(String to, String why, int lost, Exception cause) {
        return new PeerGoneException("Cannot send to '" + to + "': its socket " + why + " (connection refused; " + holderOf(to)
                + ")" + (lost > 0 ? "; " + lost + " queued message(s) to it were dropped" : "")
                + ". The peer died without disconnecting; call peerLeft() to clean up", cause);
    }

    @Override
    protected int flushQueued(String to, DatagramPeer peer) {
        return flush(to, peer, false, payload -> countSent(to));
    }

    // ==== receiving ==========================================================================

    @Override
    protected List<Message> fetch() {
        inbox.hasReceived(); // takes what the kernel holds right now, not only what the reader thread moved
        List<Message> out = new ArrayList<>();
        byte[] payload;
        while ((payload = inbox.poll()) != null) {
            try {
                out.add(decode(payload));
            } catch (ContentException e) {
                setAside(new CorruptMessageException("Undecodable datagram on socket '" + endpointPath() + "' ("
                        + payload.length + " bytes): " + e.getMessage() + "; it was dropped, the others were delivered", e));
            }
        }
        if (out.isEmpty()) {
            requireStoreWhileRegistered();
        }
        return out;
    }

    private void oversizedDatagram(int size) {
        setAside(new CorruptMessageException("A datagram of more than " + DatagramInbox.MAX_DATAGRAM
                + " bytes arrived on socket '" + endpointPath() + "'; the kernel truncated it, so it was dropped (the "
                + "sender must keep messages within the limit)"));
    }

    @Override
    protected boolean hasReady() {
        return inbox.hasReceived();
    }

    @Override
    protected boolean hasPending() {
        return hasReady();
    }

    /** Waits on the inbox's monitor, which its reader thread notifies for every datagram. */
    @Override
    protected void waitForActivity(long nanos) {
        DatagramInbox in;
        synchronized (io) {
            if (isDisconnected() || inbox == null) {
                return;
            }
            in = inbox;
        }
        in.await(nanos);
    }

    /** A wait leads in a selector or waits on the inbox's monitor; the inbox can end either. */
    @Override
    protected void wakeWaiter() {
        DatagramInbox in = inbox;
        if (in != null) {
            in.wake();
        }
    }

    // ==== peers and leaving ===================================================================

    @Override
    protected int reapDeadPeers() {
        int reaped = super.reapDeadPeers();
        // A peer that left, or whose name a new client took: its cached socket leads nowhere.
        dropIf((to, peer) -> !peerEndpoint(to).flatMap(PeerEndpoints::fileKey).equals(Optional.of(peer.fileKey())));
        return reaped;
    }

    @Override
    protected void closeResources() {
        try {
            if (inbox != null) {
                inbox.close();
            }
        } finally {
            super.closeResources();
        }
    }
}
