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
 * One side of the {@link RawRename} baseline: sends by writing a temporary file into the peer's
 * directory and renaming it, receives by waking on its own directory's watch, then listing,
 * reading and deleting.
 */
final class RenameLink implements Link {
    private final String name;
    private final Path own;
    private final Path other;
    private final WatchService watcher;
    private final byte[] payload;
    private long sequence;

    RenameLink(Path dir, String name, String peer, int size) throws IOException {
        this.name = name;
        this.own = Files.createDirectories(dir.resolve(name));
        this.other = Files.createDirectories(dir.resolve(peer));
        this.watcher = FileSystems.getDefault().newWatchService();
        own.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        this.payload = Payloads.bytes(size);
    }

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
}
