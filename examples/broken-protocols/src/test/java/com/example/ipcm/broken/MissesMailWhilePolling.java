package com.example.ipcm.broken;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.protocol.fs.MessageFilesProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * MessageFiles whose receivers, when told to poll ({@code inotify=0}), list their inbox only when
 * it holds more message files than at their last listing: a cheap change check that counts what
 * is there instead of what is new. Once a message was read, the next single one brings the count
 * back to the old mark, not above it, and waits unseen. Woken by inotify (this plugin under its
 * own name) every message arrives; its {@link MissesMailWhilePollingNoInotify} variant loses them.
 */
public class MissesMailWhilePolling extends ForwardingProtocol {
    /** How often a polling receiver looks at its inbox, as the file stores' own polling does. */
    private static final Duration POLL = Duration.ofMillis(20);

    public MissesMailWhilePolling() {
        super(new MessageFilesProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        if (!"0".equals(request.params().get("inotify"))) {
            return client;
        }
        Path inbox = Path.of(client.info().route()).resolve(client.name());
        return new ForwardingClient(client) {
            private long mark;

            @Override
            public List<Message> receive() {
                OptionalLong ready = readyFiles(inbox);
                if (ready.isPresent() && ready.getAsLong() <= mark) {
                    return List.of();
                }
                ready.ifPresent(n -> mark = n);
                return delegate.receive();
            }

            @Override
            public List<Message> awaitMessages(Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    List<Message> got = receive();
                    long left = deadline - System.nanoTime();
                    if (!got.isEmpty() || left <= 0) {
                        return got;
                    }
                    try {
                        Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return got;
                    }
                }
            }
        };
    }

    /** The message files waiting; empty when the inbox cannot be listed, so the store itself says why. */
    private static OptionalLong readyFiles(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return OptionalLong.of(files.filter(f -> f.getFileName().toString().endsWith(".ready")).count());
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
