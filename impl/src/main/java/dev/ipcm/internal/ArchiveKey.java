package dev.ipcm.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names a {@link ClassDataArchive}: one archive per JDK, JVM option list and class path (each
 * jar's size and time included), so a changed jar or option never meets an archive made for
 * something else.
 */
final class ArchiveKey {
    private ArchiveKey() {}

    /**
     * A digest of everything the JVM checks an archive against, so a mismatch means another file,
     * not a refusal; null when a class-path entry cannot be read.
     */
    static String of(List<String> options, String classPath) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder();
            sb.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n')
                    .append(System.getProperty("java.runtime.version")).append('\n').append(System.getProperty("os.arch")).append('\n');
            // System properties and logging do not matter to an archive (the service's name is a property).
            options.stream().filter(o -> !o.startsWith("-D") && !o.startsWith("-Xlog")).forEach(o -> sb.append(o).append('\n'));
            sb.append(classPath).append('\n');
            for (String entry : classPath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                sb.append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
            byte[] d = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
