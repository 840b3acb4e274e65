package dev.ipcm.protocol.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Helpers of the socket protocols: the identity of a socket file, and warnings. */
final class PeerEndpoints {
    private PeerEndpoints() {}

    /**
     * The identity (device and inode) of a peer's socket file, so a cached connection to a
     * client that has since left and been replaced under the same name is noticed.
     */
    static Optional<Object> fileKey(Path path) {
        try {
            return Optional.ofNullable(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Logs a warning on the library's logger. */
    static void warn(String text) {
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, text);
    }
}
