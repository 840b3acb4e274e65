package com.example.ipcm;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * DirectoryStore: an example protocol plugin. A store is a private directory; each client is a
 * sub-directory holding its pid and an inbox of message files. It is deliberately simple (it
 * polls for mail) and exists to show what a plugin must provide and how it is certified.
 */
public final class DirectoryStoreProtocol implements Protocol {
    /** Names become directory names, so they must fit a file name. */
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.CROSS_PROCESS, Capability.SUSPEND)
            .withMaxNameLength(200);

    @Override
    public String name() {
        return "DirectoryStore";
    }

    @Override
    public String referenceName() {
        // Not part of IPC::Manager, so info strings carry the Java class name.
        return "+" + getClass().getName();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Availability.unavailable("the default file system has no POSIX permissions, so a store "
                    + "cannot be made private", "run on Linux or macOS");
        }
        return Availability.available();
    }

    /** The only spawn parameter: so {@code Ipcm.spawn} refuses a misspelt one instead of ignoring it. */
    @Override
    public Optional<Set<String>> spawnParameters() {
        return Optional.of(Set.of("route"));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        try {
            Path dir = request.param("route").map(Path::of).orElse(null);
            if (dir == null) {
                dir = Files.createTempDirectory("ipcm-dirstore-", PosixFilePermissions.asFileAttribute(Layout.PRIVATE_DIR));
            } else {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(Layout.PRIVATE_DIR));
            }
            return new Spawned(dir.toString(), null);
        } catch (IOException e) {
            throw new IpcmException("Cannot create a DirectoryStore: " + e.getMessage()
                    + "; check that the temporary directory (or the route given) is writable", e);
        }
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        try {
            Layout.deleteTree(Path.of(route));
        } catch (UncheckedIOException e) {
            throw new IpcmException("Cannot remove the DirectoryStore at '" + route + "': " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public boolean storeExists(String route) {
        return Files.isDirectory(Path.of(route));
    }

    @Override
    public Client connect(ConnectRequest request) {
        return new DirectoryStoreClient(request, new Layout(Path.of(request.route())));
    }
}
