package dev.ipcm.conformance.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes what a child process reports before it can answer requests, whole: temporary file, then rename. */
final class Markers {
    private Markers() {}

    static void write(Path p, String text) {
        try {
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
