package dev.ipcm.protocol.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A client's own bound AF_UNIX datagram socket (through junixsocket: the JDK has no AF_UNIX
 * datagrams). One datagram is one message.
 *
 * <p>A reader thread moves datagrams from the kernel into memory as they arrive, up to
 * {@link #READ_AHEAD_BYTES}. Linux queues only {@code net.unix.max_dgram_qlen} datagrams per
 * socket (10 by default), so without it a sender that sends eleven messages before its peer
 * reads would block; past the read-ahead limit the kernel's back-pressure applies again. The
 * queue is guarded by this object's monitor, which is also what receivers wait on.
 *
 * <p>A receiver that finds nothing and would wait reads the socket itself (leader/follower): it
 * waits in a selector of its own and takes the datagram the moment it comes, one thread wake-up
 * where a hand-off through the reader thread costs two. Every read happens in {@link #pump()},
 * under the monitor, and appends to the one queue, so whoever reads, nothing is reordered or lost.
 *
 * <p>The reader thread stands aside not only while a receiver leads but while the client receives
 * at all (it asked within {@link #STAND_ASIDE_NANOS}): every thread waiting on the socket is woken
 * by every datagram, so a reader thread in its selector beside the leader cost two more wake-ups
 * per message (its own, and the leader's hand-back) on the message's critical path. It parks
 * instead of waiting on the monitor, which every datagram notifies. A client that stops receiving
 * gets its read-ahead back after at most that pause; until then senders may feel the kernel's
 * back-pressure. A wait that cannot lead (too short for the selector's millisecond clock, or an
 * interrupted thread) has the reader thread read for it, as before.
 */
final class DatagramInbox implements AutoCloseable {
    /** IPC::Manager's receive buffer, and so the largest message a Perl reader takes whole. */
    static final int MAX_DATAGRAM = 65_536;
    /** How much the reader thread takes in ahead of the client; beyond it senders feel back-pressure. */
    static final long READ_AHEAD_BYTES = 8L << 20;
    /** How long after a receiver last asked the reader thread still leaves the socket to it. */
    static final long STAND_ASIDE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * The longest one wait in a selector: a longer wait is several. A close wakes a waiting
     * receiver, but a close that lands just as the receiver enters its selector was seen not to
     * (in CI a receiver still waited 10 s after the close); the waiter then notices within this time.
     */
    static final long LONGEST_SELECT_MILLIS = 1_000;

    private final AFUNIXDatagramChannel channel;
    private final Selector selector;
    /** The selector a leading receiver waits in (a selector serves one selecting thread at a time). */
    private final Selector direct;
    private final Path path;
    private final IntConsumer oversized;
    // One byte more than the limit, so a longer datagram shows up as truncated instead of passing as valid.
    // Direct: junixsocket receives into a heap buffer through a native one of its own and copies it over.
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private final Queue<byte[]> received = new ArrayDeque<>();
    private long receivedBytes;
    private boolean closed;
    /** A receiver waits in {@link #direct} and reads for itself; the reader thread stands aside. */
    private boolean leading;
    /** When a receiver last asked (System.nanoTime()), if {@link #receiverSeen}. */
    private long lastAsked;
    private boolean receiverSeen;
    /** The reader thread parks until unparked (a receiver leads, or the read-ahead is full). */
    private boolean readerHeld;
    /** Receivers waiting on the monitor with nobody leading: the reader thread reads for them. */
    private int handOffWaiters;
    private IOException failure;
    private Thread reader;
    /** A {@link #wake()} that no {@link #await(long)} has returned on yet. */
    private boolean wakeRequested;

    private DatagramInbox(AFUNIXDatagramChannel channel, Selector selector, Selector direct, Path path,
            IntConsumer oversized) {
        this.channel = channel;
        this.selector = selector;
        this.direct = direct;
        this.path = path;
        this.oversized = oversized;
    }

    /**
     * Binds a new socket at {@code path} (which must not exist) and starts its reader thread.
     *
     * @param oversized told the size of each datagram longer than {@link #MAX_DATAGRAM} (it was truncated and dropped)
     */
    static DatagramInbox bind(Path path, IntConsumer oversized) throws IOException {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        try {
            // The client removes its own socket file at disconnect; a close must never remove a successor's.
            ch.setDeleteOnClose(false);
            ch.bind(AFUNIXSocketAddress.of(path));
            ch.configureBlocking(false);
            Selector sel = AFUNIXSelectorProvider.provider().openSelector();
            ch.register(sel, SelectionKey.OP_READ);
            Selector direct;
            try {
                direct = AFUNIXSelectorProvider.provider().openSelector();
                ch.register(direct, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                sel.close();
                throw e;
            }
            DatagramInbox inbox = new DatagramInbox(ch, sel, direct, path, oversized);
            inbox.reader = new Thread(inbox::readLoop, "ipcm-unixsocket-reader " + path.getFileName());
            inbox.reader.setDaemon(true);
            inbox.reader.start();
            return inbox;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void readLoop() {
        try {
            while (true) {
                long pause;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    pause = readerPause();
                }
                if (pause < 0) {
                    LockSupport.park(this);
                    continue;
                }
                if (pause > 0) {
                    LockSupport.parkNanos(this, pause);
                    continue;
                }
                selector.select(LONGEST_SELECT_MILLIS);
                selector.selectedKeys().clear();
                synchronized (this) {
                    // A receiver that began to lead meanwhile reads this datagram itself.
                    if (!leading) {
                        pump();
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            // closed: the client disconnected
        } catch (IOException | UncheckedIOException e) {
            fail(e instanceof IOException ? (IOException) e : ((UncheckedIOException) e).getCause());
        }
    }

    /**
     * How long the reader thread keeps off the socket: 0 to select now, a positive number of
     * nanoseconds to look again after, or -1 to park until unparked ({@link #readerHeld}).
     */
    private long readerPause() {
        readerHeld = false;
        if (receivedBytes >= READ_AHEAD_BYTES || leading) {
            readerHeld = true;
            return -1;
        }
        if (receiverSeen && handOffWaiters == 0) {
            long since = System.nanoTime() - lastAsked;
            if (since < STAND_ASIDE_NANOS) {
                return STAND_ASIDE_NANOS - since;
            }
        }
        return 0;
    }

    /** Notes that a receiver asks now, so the reader thread stays off the socket for a while. */
    private void receiverAsks() {
        lastAsked = System.nanoTime();
        receiverSeen = true;
    }

    /** Lets the reader thread look again, if it parked until told. */
    private void releaseReader() {
        if (readerHeld) {
            readerHeld = false;
            LockSupport.unpark(reader);
        }
    }

    private synchronized void fail(IOException e) {
        if (!closed && failure == null) {
            failure = e;
            notifyAll();
        }
    }

    /** Moves every datagram readable now into memory, up to the read-ahead limit. */
    synchronized void pump() throws IOException {
        pump(Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code most} datagrams readable now into memory, up to the read-ahead limit.
     * Reading stops at the first read that finds nothing, which costs a system call of its own.
     */
    private void pump(int most) throws IOException {
        int moved = 0;
        while (!closed && receivedBytes < READ_AHEAD_BYTES && moved < most) {
            buffer.clear();
            try {
                // read, not receive: the sender's address is never used, and receive makes
                // junixsocket decode it (a global lock and a native call) for every datagram.
                channel.read(buffer);
            } catch (ClosedChannelException e) {
                return;
            }
            int n = buffer.flip().remaining();
            if (n == 0) {
                // Nothing left, or a zero-length datagram: IPC::Manager stops at either.
                return;
            }
            if (n > MAX_DATAGRAM) {
                oversized.accept(n);
                continue;
            }
            byte[] payload = new byte[n];
            buffer.get(payload);
            received.add(payload);
            receivedBytes += n;
            moved++;
            notifyAll();
        }
    }

    /** The next received payload, or null. */
    synchronized byte[] poll() {
        rethrow();
        byte[] p = received.poll();
        if (p != null) {
            boolean wasFull = receivedBytes >= READ_AHEAD_BYTES;
            receivedBytes -= p.length;
            if (wasFull) {
                releaseReader();
            }
        }
        return p;
    }

    /** Whether received payloads wait in memory (after taking what the kernel has now). */
    synchronized boolean hasReceived() {
        rethrow();
        receiverAsks();
        if (received.isEmpty()) {
            try {
                pump();
            } catch (IOException e) {
                throw new UncheckedIOException("Receiving on socket '" + path + "' failed", e);
            }
        }
        return !received.isEmpty();
    }

    /**
     * Waits up to {@code nanos} for a payload in memory; returns whether one is there. The first
     * waiting receiver reads the socket itself; others (and waits too short for the selector's
     * millisecond clock) wait on the monitor for whoever reads.
     */
    boolean await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            long leadMillis;
            synchronized (this) {
                receiverAsks();
                if (wakeRequested) {
                    wakeRequested = false;
                    return !received.isEmpty();
                }
                if (!received.isEmpty()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (closed || failure != null || left <= 0) {
                    return false;
                }
                if (leading || left < TimeUnit.MILLISECONDS.toNanos(1) || Thread.currentThread().isInterrupted()) {
                    // Without a leader, the reader thread reads for this wait, standing aside or not.
                    boolean handOff = !leading;
                    if (handOff) {
                        handOffWaiters++;
                        LockSupport.unpark(reader);
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return !received.isEmpty();
                    } finally {
                        if (handOff) {
                            handOffWaiters--;
                        }
                    }
                    continue;
                }
                leading = true;
                // Rounded down: the selector never waits past the deadline; the rest is waited on the monitor.
                leadMillis = Math.min(LONGEST_SELECT_MILLIS, TimeUnit.NANOSECONDS.toMillis(left));
            }
            lead(leadMillis);
        }
    }

    /** Waits in {@link #direct} up to {@code millis}, then reads what came and hands reading back. */
    private void lead(long millis) {
        try {
            direct.select(millis);
            direct.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            // closed: the client disconnected
        } catch (IOException e) {
            fail(e);
        } finally {
            synchronized (this) {
                leading = false;
                try {
                    // One datagram ends the wait. Reading on until a read finds nothing would cost
                    // one more read per message (and junixsocket's fcntl after it), while the
                    // receiver's next fetch reads the rest anyway, and finds nothing once, before
                    // it waits again.
                    pump(1);
                } catch (IOException e) {
                    fail(e);
                }
                // Other waiting receivers look at what came; the reader thread, held while this
                // led, looks again and stays aside while this receiver goes on asking.
                receiverAsks();
                releaseReader();
                notifyAll();
            }
        }
    }

    /**
     * Makes the {@link #await(long)} in progress return now, or the next one return at once:
     * the flag is seen under the monitor, a waiter on the monitor is notified, and a leader's
     * select is woken (a selector's wake-up also ends the next select, should the leader not be
     * in it yet).
     */
    void wake() {
        synchronized (this) {
            if (closed) {
                return; // a closed inbox already ended every wait on it
            }
            wakeRequested = true;
            notifyAll();
        }
        try {
            direct.wakeup();
        } catch (ClosedSelectorException e) {
            // closed meanwhile: the close woke the leader itself
        }
    }

    /** Whether a receiver waits in its own selector now (for tests). */
    synchronized boolean hasLeader() {
        return leading;
    }

    private void rethrow() {
        if (failure != null) {
            throw new UncheckedIOException("Receiving on socket '" + path + "' failed", failure);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        LockSupport.unpark(reader);
        // Woken first, then closed: a wake-up also stops a select that has not quite begun.
        selector.wakeup();
        direct.wakeup();
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing the selector only frees its own descriptor.
        }
        try {
            direct.close();
        } catch (IOException ignored) {
            // Likewise; a receiver waiting in it wakes up and finds the inbox closed.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more can be done; the descriptor is gone either way.
        }
    }
}
