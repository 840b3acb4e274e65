package dev.ipcm.protocol.pipe;

import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.PeerGoneException;
import dev.ipcm.os.ErrnoException;
import dev.ipcm.os.Fd;
import dev.ipcm.os.FileType;
import dev.ipcm.os.Os;
import dev.ipcm.protocol.directory.PeerOutboxClient;
import dev.ipcm.protocol.directory.OnDiskNames;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An AtomicPipe client: reads its own FIFO, writes chunk sequences to its peers' FIFOs.
 *
 * <p>Each client object writes under its own thread-id value, so two clients of one JVM writing
 * to the same FIFO never share a reassembly slot; the client's I/O lock keeps its own messages
 * whole. Messages queued by non-blocking sends are the writer's queue for that peer; a blocking
 * send empties that queue first, and a queued message counts as sent when its last chunk goes.
 */
final class AtomicPipeClient extends PeerOutboxClient<FifoWriter> {
    /** Default FIFO mode, as IPC::Manager's. */
    private static final int DEFAULT_PERMISSIONS = 0700;
    /**
     * Upper bound of one {@code poll(2)} in {@link #waitForActivity}: bytes another thread of this
     * client moved into memory do not wake the poll, so the wait looks again at least this often.
     */
    private static final long WAIT_SLICE_MILLIS = 100;
    private static final AtomicInteger NEXT_TID = new AtomicInteger();

    private final int tid = NEXT_TID.getAndIncrement();
    private final int permissions;
    private final WaitWaker waker = WaitWaker.open();
    private FifoReader reader;

    AtomicPipeClient(ConnectRequest request) {
        super(request, AtomicPipeProtocol.CAPABILITIES, OnDiskNames.FILE_BUDGET, new HashMap<>());
        this.permissions = permissions(request);
        try {
            register();
            synchronized (io) {
                if (reader == null) {
                    // Reconnect re-attaches to the FIFO that is still there; its earlier reader is gone.
                    reader = FifoReader.open(endpointPath());
                }
            }
        } catch (RuntimeException e) {
            waker.close(); // a client that never connected is never closed
            throw e;
        }
    }

    private static int permissions(ConnectRequest request) {
        String p = request.param("permissions").orElse(null);
        if (p == null) {
            return DEFAULT_PERMISSIONS;
        }
        try {
            int mode = Integer.parseInt(p.trim(), 8);
            if (mode >= 0 && mode <= 0777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IpcmException("AtomicPipe parameter 'permissions' must be an octal file mode such as 0700 or 0600, got '"
                + p + "'");
    }

    // ==== endpoint ===========================================================================

    @Override
    protected boolean isEndpoint(Path path) {
        return FileType.of(path) == FileType.FIFO;
    }

    @Override
    protected void createEndpoint(Path path) throws IOException {
        try {
            Os.get().mkfifo(path, permissions);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ErrnoException && ((ErrnoException) e.getCause()).errno() == ErrnoException.EEXIST) {
                throw new FileAlreadyExistsException(path.toString());
            }
            throw e.getCause();
        }
        reader = FifoReader.open(path);
    }

    @Override
    protected String endpointType() {
        return "FIFO";
    }

    // ==== sending ============================================================================

    /** Writes the message behind that peer's backlog; returns whether it went out whole (else it is queued). */
    @Override
    protected boolean send(String to, byte[] payload, boolean block) {
        FifoWriter writer = writerFor(to);
        try {
            return writer.send(to, payload, (int) pid(), tid, block, o -> countSent(o.to));
        } catch (FifoWriter.ReaderGoneException e) {
            throw readerGone(to, e);
        }
    }

    /** Writes a peer's queue; messages that complete count as sent. */
    @Override
    protected int flushQueued(String to, FifoWriter writer) {
        int[] completed = {0};
        try {
            writer.flush(false, o -> {
                completed[0]++;
                countSent(o.to);
            });
        } catch (FifoWriter.ReaderGoneException e) {
            throw readerGone(to, e);
        }
        return completed[0];
    }

    private PeerGoneException readerGone(String to, FifoWriter.ReaderGoneException e) {
        return peerGone(to, e.getMessage(), drop(to));
    }

    /**
     * The cached writer for a peer, opened on first use. A cached writer is used as long as its
     * FIFO keeps its name (one {@code statx} of the open descriptor): once the peer left, the
     * name is gone, and if a new client took it, the old FIFO's writer and backlog are dropped
     * before anything more is written into a FIFO nobody reads.
     */
    private FifoWriter writerFor(String to) {
        FifoWriter w = outboxes.get(to);
        if (w != null && w.stillNamed()) {
            return w;
        }
        Path fifo = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        if (w != null) {
            // The peer left and a new client took the name: the old FIFO's backlog cannot reach it.
            int lost = drop(to);
            if (lost > 0) {
                warn(lost + " queued message(s) to '" + to + "' were dropped: its FIFO was replaced by a new client");
            }
        }
        try {
            w = FifoWriter.open(fifo);
        } catch (FifoWriter.ReaderGoneException e) {
            throw peerGone(to, e.getMessage(), 0);
        }
        outboxes.put(to, w);
        return w;
    }

    private PeerGoneException peerGone(String to, String why, int lost) {
        return new PeerGoneException("Cannot send to '" + to + "': its FIFO " + why + " (" + holderOf(to) + ")"
                + (lost > 0 ? "; " + lost + " queued message(s) to it were dropped" : "")
                + ". The peer died or is leaving; call peerLeft() to clean up after a dead peer");
    }

    // ==== receiving ==========================================================================

    @Override
    protected List<Message> fetch() {
        pump();
        List<Message> out = new ArrayList<>();
        byte[] payload;
        while ((payload = reader.reassembler().poll()) != null) {
            try {
                out.add(decode(payload));
            } catch (ContentException e) {
                setAside(new CorruptMessageException("Undecodable message in FIFO '" + endpointPath() + "' ("
                        + payload.length + " bytes): " + e.getMessage() + "; it was dropped, the others were delivered", e));
            }
        }
        if (out.isEmpty()) {
            requireStoreWhileRegistered();
        }
        return out;
    }

    private void pump() {
        try {
            reader.pump();
        } catch (Reassembler.CorruptStreamException e) {
            setAside(new CorruptMessageException("Corrupt chunk stream in FIFO '" + endpointPath() + "': "
                    + e.getMessage() + "; a process wrote to it without Atomic::Pipe framing"));
        }
    }

    @Override
    protected boolean hasReady() {
        pump();
        return reader.reassembler().hasComplete();
    }

    /** Something complete, or a message partly here from a writer that is still alive. */
    @Override
    protected boolean hasPending() {
        if (hasReady()) {
            return true;
        }
        for (int writerPid : reader.reassembler().partialWriterPids()) {
            if (writerPid <= 0 || isRunning(writerPid)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void waitForActivity(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            FifoReader r;
            synchronized (io) {
                if (isDisconnected() || reader == null || reader.reassembler().hasComplete()) {
                    return;
                }
                r = reader;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            int seen = r.await(Math.min(left, WAIT_SLICE_MILLIS), waker);
            if ((seen & Fd.WOKEN) != 0) {
                waker.reset();
            }
            if (seen != 0) {
                return;
            }
        }
    }

    /** A wait polls the wake-up counter beside the FIFO; a wake-up counts, and ends that poll. */
    @Override
    protected void wakeWaiter() {
        waker.wake();
    }

    // ==== peers and leaving ===================================================================

    /** The directory sweep, then drops partial messages of writers that died mid-message. */
    @Override
    protected int reapDeadPeers() {
        int reaped = super.reapDeadPeers();
        pump();
        reader.reassembler().dropWriters(p -> p > 0 && !isRunning(p));
        dropIf((to, w) -> w.queued() == 0 && peerEndpoint(to).isEmpty());
        return reaped;
    }

    /** The pids of writers whose messages are partly collected (for tests). */
    int[] partialWriters() {
        synchronized (io) {
            pump();
            return reader.reassembler().partialWriterPids();
        }
    }

    @Override
    protected void closeResources() {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            waker.close();
            super.closeResources();
        }
    }
}
