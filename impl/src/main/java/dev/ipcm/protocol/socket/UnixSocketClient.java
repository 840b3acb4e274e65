package dev.ipcm.protocol.socket;

import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.PeerGoneException;
import dev.ipcm.SendOutcome;
import dev.ipcm.os.FileType;
import dev.ipcm.protocol.fs.DirectoryClient;
import dev.ipcm.protocol.fs.OnDiskNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A UnixSocket client: receives datagrams on its own bound socket, sends each message as one
 * datagram through a cached socket connected to the peer. Non-blocking sends queue whole
 * payloads per peer; a blocking send empties that peer's queue first.
 */
final class UnixSocketClient extends DirectoryClient {
    /** Upper bound of one selector wait; see AtomicPipe's client for why the wait looks again. */
    private static final long WAIT_SLICE_MILLIS = 100;

    private final Map<String, DatagramPeer> peers = new HashMap<>();
    private DatagramInbox inbox;

    UnixSocketClient(ConnectRequest request) {
        super(request, UnixSocketProtocol.CAPABILITIES, OnDiskNames.socketBudget(request.route()));
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
            inbox = DatagramInbox.bind(path);
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
    protected void deliver(Message message) {
        send(message, true);
    }

    @Override
    protected SendOutcome tryDeliver(Message message) {
        return send(message, false) ? SendOutcome.DELIVERED : SendOutcome.QUEUED;
    }

    private boolean send(Message message, boolean block) {
        String to = message.toOrNull();
        byte[] payload = encode(message);
        DatagramPeer peer = peerFor(to);
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

    private int flush(String to, DatagramPeer peer, boolean block, java.util.function.Consumer<byte[]> sent) {
        int[] n = {0};
        try {
            peer.flush(block, p -> {
                n[0]++;
                sent.accept(p);
            });
        } catch (DatagramPeer.PeerRefusedException e) {
            int lost = peer.queued();
            dropPeer(to);
            throw peerGone(to, "refuses connections", lost, e);
        } catch (IOException e) {
            if ("Message too long".equals(e.getMessage())) {
                throw new MessageTooLargeException("The datagram to '" + to + "' is larger than this system's socket "
                        + "send buffer allows; keep messages under " + DatagramInbox.MAX_DATAGRAM + " bytes", e);
            }
            int lost = peer.queued();
            dropPeer(to);
            throw new IpcmException("Cannot send message to '" + to + "': " + e.getMessage()
                    + (lost > 0 ? "; " + lost + " queued message(s) to it were dropped" : ""), e);
        }
        return n[0];
    }

    private DatagramPeer peerFor(String to) {
        Path socket = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        Object key = PeerEndpoints.fileKey(socket).orElseThrow(() -> noSuchPeer(to));
        DatagramPeer peer = peers.get(to);
        if (peer != null && !peer.fileKey().equals(key)) {
            // The peer left and a new client bound the name: the old backlog was for the one that left.
            int lost = peer.queued();
            dropPeer(to);
            if (lost > 0) {
                PeerEndpoints.warn(lost + " queued message(s) to '" + to + "' were dropped: its socket was replaced");
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
            peers.put(to, peer);
        }
        return peer;
    }

    private void dropPeer(String to) {
        DatagramPeer p = peers.remove(to);
        if (p != null) {
            p.close();
        }
    }

    private PeerGoneException peerGone(String to, String why, int lost, Exception cause) {
        OptionalLong owner = recordedPid(to);
        String who = owner.isPresent()
                ? (isRunning(owner.getAsLong()) ? "pid " + owner.getAsLong() : "pid " + owner.getAsLong() + ", not running")
                : "no pid recorded";
        return new PeerGoneException("Cannot send to '" + to + "': its socket " + why + " (connection refused; " + who
                + ")" + (lost > 0 ? "; " + lost + " queued message(s) to it were dropped" : "")
                + ". The peer died without disconnecting; call peerLeft() to clean up", cause);
    }

    @Override
    protected int drainQueued() {
        int sent = 0;
        for (String to : new ArrayList<>(peers.keySet())) {
            DatagramPeer p = peers.get(to);
            if (p.queued() == 0) {
                continue;
            }
            try {
                sent += flush(to, p, false, payload -> countSent(to));
            } catch (IpcmException e) {
                PeerEndpoints.warn(e.getMessage());
            }
        }
        return sent;
    }

    @Override
    protected int queuedSends(String peer) {
        if (peer != null) {
            DatagramPeer p = peers.get(peer);
            return p == null ? 0 : p.queued();
        }
        int n = 0;
        for (DatagramPeer p : peers.values()) {
            n += p.queued();
        }
        return n;
    }

    // ==== receiving ==========================================================================

    @Override
    protected List<Message> fetch() {
        pump();
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
        return out;
    }

    private void pump() {
        inbox.pump(size -> setAside(new CorruptMessageException("A datagram of more than " + DatagramInbox.MAX_DATAGRAM
                + " bytes arrived on socket '" + endpointPath() + "'; the kernel truncated it, so it was dropped (the "
                + "sender must keep messages within the limit)")));
    }

    @Override
    protected boolean hasReady() {
        pump();
        return inbox.hasReceived();
    }

    @Override
    protected boolean hasPending() {
        return hasReady();
    }

    @Override
    protected void waitForActivity(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            DatagramInbox in;
            synchronized (io) {
                if (isDisconnected() || inbox == null || inbox.hasReceived()) {
                    return;
                }
                in = inbox;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || in.await(Math.min(left, WAIT_SLICE_MILLIS))) {
                return;
            }
        }
    }

    // ==== peers and leaving ===================================================================

    @Override
    protected int reapDeadPeers() {
        int reaped = super.reapDeadPeers();
        for (Iterator<Map.Entry<String, DatagramPeer>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, DatagramPeer> e = it.next();
            Optional<Path> endpoint = peerEndpoint(e.getKey());
            if (endpoint.isEmpty() || !endpoint.flatMap(PeerEndpoints::fileKey).equals(Optional.of(e.getValue().fileKey()))) {
                e.getValue().close();
                it.remove();
            }
        }
        return reaped;
    }

    @Override
    protected void closeResources() {
        try {
            peers.values().forEach(DatagramPeer::close);
            peers.clear();
            if (inbox != null) {
                inbox.close();
            }
        } finally {
            super.closeResources();
        }
    }
}
