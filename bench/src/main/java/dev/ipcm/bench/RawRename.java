package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Raw baseline for MessageFiles and JSONFile: write a temporary file into the receiver's
 * directory, rename it to its final name; the receiver wakes on the directory watch, lists,
 * reads and deletes.
 */
final class RawRename extends PeerDirectoryTransport {
    static final String SPEC = "raw:rename";

    RawRename() {
        super("raw rename into watched dir", SPEC);
    }

    @Override
    Link open(Path dir, String name, String peer, int size) throws IOException {
        Path own = Files.createDirectories(dir.resolve(name));
        Path other = Files.createDirectories(dir.resolve(peer));
        WatchService watcher = FileSystems.getDefault().newWatchService();
        own.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        byte[] payload = Payloads.bytes(size);
        return new Link() {
            private long sequence;

            @Override
            public void send() throws IOException {
                String base = name + "-" + (sequence++);
                Path pending = other.resolve(base + ".pend");
                Files.write(pending, payload);
                Files.move(pending, other.resolve(base + ".ready"), StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public int receive() throws IOException, InterruptedException {
                while (true) {
                    int taken = takeReady();
                    if (taken > 0) {
                        return taken;
                    }
                    try {
                        WatchKey key = watcher.take();
                        key.pollEvents();
                        key.reset();
                    } catch (ClosedWatchServiceException e) {
                        throw new IOException("link of '" + name + "' was closed while receiving", e);
                    }
                }
            }

            private int takeReady() throws IOException {
                int taken = 0;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(own, "*.ready")) {
                    for (Path f : files) {
                        Files.readAllBytes(f);
                        Files.delete(f);
                        taken++;
                    }
                }
                return taken;
            }

            @Override
            public void close() throws IOException {
                watcher.close();
            }
        };
    }
}
