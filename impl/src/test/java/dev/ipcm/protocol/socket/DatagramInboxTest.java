package dev.ipcm.protocol.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The inbox's two readers (its reader thread, and a waiting receiver that reads for itself) on
 * real sockets: nothing lost or reordered between them, read-ahead while nobody waits, deadlines
 * and close.
 */
class DatagramInboxTest {
    @TempDir
    Path dir;

    private final List<Integer> oversized = new CopyOnWriteArrayList<>();

    private DatagramInbox bind() throws Exception {
        return DatagramInbox.bind(dir.resolve("inbox"), oversized::add);
    }

    private AFUNIXDatagramChannel sender() throws Exception {
        AFUNIXDatagramChannel ch = AFUNIXDatagramChannel.open();
        ch.connect(AFUNIXSocketAddress.of(dir.resolve("inbox")));
        return ch;
    }

    private static void send(AFUNIXDatagramChannel ch, String text) throws Exception {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void datagramsTakenByTheReaderThreadAndByAWaitingReceiverComeOutInOrderAndNoneIsLost() throws Exception {
        int n = 3000;
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        send(ch, Integer.toString(i));
                        if (i % 7 == 0) {
                            // Bursts and gaps, so both the reader thread and the waiting receiver read some.
                            Thread.yield();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Integer> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (got.size() < n && System.nanoTime() < deadline) {
                if (got.size() % 2 == 0) {
                    inbox.await(TimeUnit.MILLISECONDS.toNanos(200));
                } else {
                    inbox.hasReceived();
                }
                byte[] p;
                while ((p = inbox.poll()) != null) {
                    got.add(Integer.parseInt(text(p)));
                }
            }
            sending.get(30, TimeUnit.SECONDS);
            assertThat(got).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void theReaderThreadReadsAheadPastTheKernelQueueWhileNobodyWaits() throws Exception {
        // Linux queues 10 datagrams per socket by default: a blocking sender of 200 relies on the reader thread.
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            sendManyThenReceiveInOrder(inbox, ch, 200);
            assertThat(inbox.hasReceived()).isFalse();
        }
    }

    @Test
    void theReaderThreadReadsAheadAgainOnceTheReceiverStopsAsking() throws Exception {
        // While the receiver asks, the reader thread stands aside; a receiver that then goes quiet
        // must not leave a blocking sender of more than the kernel queues stuck.
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            assertThat(inbox.await(TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
            assertThat(inbox.hasReceived()).isFalse();
            sendManyThenReceiveInOrder(inbox, ch, 200);
        }
    }

    @Test
    void aWaitTooShortToLeadIsServedByTheReaderThreadWhileTheReceiverKeepsAsking() throws Exception {
        // Sub-millisecond waits cannot lead (the selector counts milliseconds); asked back to back,
        // they would keep the reader thread aside for ever if it did not read for them.
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            assertThat(inbox.hasReceived()).isFalse();
            send(ch, "short");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean got = false;
            while (!got && System.nanoTime() < deadline) {
                got = inbox.await(TimeUnit.MICROSECONDS.toNanos(500));
            }
            assertThat(got).isTrue();
            assertThat(text(inbox.poll())).isEqualTo("short");
        }
    }

    @Test
    void aWaitingReceiverGetsADatagramThatArrivesWhileItWaits() throws Exception {
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> inbox.await(TimeUnit.SECONDS.toNanos(30)));
            awaitLeader(inbox);
            send(ch, "hello");
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(text(inbox.poll())).isEqualTo("hello");
        }
    }

    @Test
    void anOversizedDatagramArrivingWhileAReceiverWaitsIsReportedAndTheNextOneDelivered() throws Exception {
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> inbox.await(TimeUnit.SECONDS.toNanos(30)));
            awaitLeader(inbox);
            ch.write(ByteBuffer.wrap(new byte[70_000]));
            send(ch, "fine");
            // The waiting receiver reads the truncated datagram, reports it, and waits on for the next.
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(text(inbox.poll())).isEqualTo("fine");
            assertThat(oversized).singleElement().satisfies(size -> assertThat(size).isGreaterThan(DatagramInbox.MAX_DATAGRAM));
        }
    }

    @Test
    void aWaitWithNothingToReadReturnsAtItsDeadline() throws Exception {
        try (DatagramInbox inbox = bind()) {
            long start = System.nanoTime();
            assertThat(inbox.await(TimeUnit.MILLISECONDS.toNanos(120))).isFalse();
            long took = System.nanoTime() - start;
            assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
            assertThat(took).isLessThan(TimeUnit.SECONDS.toNanos(10));
            // Under a millisecond the selector's clock cannot count: the wait is on the monitor.
            assertThat(inbox.await(TimeUnit.MICROSECONDS.toNanos(300))).isFalse();
        }
    }

    @Test
    void closeWakesAReceiverWaitingInItsOwnSelectorPromptly() throws Exception {
        DatagramInbox inbox = bind();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> inbox.await(TimeUnit.SECONDS.toNanos(60)));
        awaitLeader(inbox);
        long start = System.nanoTime();
        inbox.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(inbox.hasLeader()).isFalse();
    }

    @Test
    void aSecondWaitingReceiverFollowsTheFirstAndBothSeeTheDatagram() throws Exception {
        try (DatagramInbox inbox = bind(); AFUNIXDatagramChannel ch = sender()) {
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> inbox.await(TimeUnit.SECONDS.toNanos(30)));
            awaitLeader(inbox);
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> inbox.await(TimeUnit.SECONDS.toNanos(30)));
            send(ch, "both");
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(text(inbox.poll())).isEqualTo("both");
        }
    }

    private static void awaitLeader(DatagramInbox inbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!inbox.hasLeader()) {
            assertThat(System.nanoTime()).as("a receiver leads within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    /** A blocking sender sends {@code count} datagrams (more than the kernel queues), then all arrive in order. */
    private void sendManyThenReceiveInOrder(DatagramInbox inbox, AFUNIXDatagramChannel ch, int count) throws Exception {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    send(ch, Integer.toString(i));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sending.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            assertThat(inbox.await(TimeUnit.SECONDS.toNanos(10))).isTrue();
            assertThat(text(inbox.poll())).isEqualTo(Integer.toString(i));
        }
    }
}
