package dev.ipcm.protocol.directory;

import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.serial.Serializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A client's {@code N.resume} file: messages it put back for its next receive, as records of a
 * 4-byte big-endian length and that many bytes of serializer output (docs/protocols/file-stores.md,
 * "The resume file").
 *
 * <p>Only the owner touches the file, so it needs no lock. Unlike the reference, which throws on
 * a truncated record and so loses the whole file, the complete records are delivered and the
 * damaged rest is copied to {@code _N.resume.corrupt} (ignored by every listing) and reported.
 */
record ResumeFile(Path file, Path corrupt, Serializer serializer) {
    /** Whether requeued messages wait. */
    boolean exists() {
        return Files.exists(file);
    }

    /** Appends one record per message, in order, with a single append-mode write. */
    void append(List<Message> messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            byte[] payload = serializer.serializeMessage(m);
            out.write(ByteBuffer.allocate(4).putInt(payload.length).array());
            out.write(payload);
        }
        Sidecars.append(file, out.toByteArray());
    }

    /** Reads every record, deletes the file, and reports what could not be decoded. */
    List<Message> takeAll(Consumer<CorruptMessageException> setAside) throws IOException {
        // Every receive asks, and the file is almost never there: a failed open would build a
        // NoSuchFileException with its stack trace each time, where asking first costs one access(2).
        if (!Files.exists(file)) {
            return List.of();
        }
        Optional<byte[]> content = Sidecars.read(file);
        if (content.isEmpty()) {
            return List.of();
        }
        byte[] bytes = content.get();
        List<Message> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            if (bytes.length - pos < 4) {
                keep(bytes, pos, bytes.length - pos);
                setAside.accept(new CorruptMessageException("Truncated resume file header (got " + (bytes.length - pos)
                        + " bytes) in '" + file + "'; the bytes were kept in '" + corrupt + "'"));
                break;
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, pos, 4).getInt());
            if (bytes.length - pos - 4 < length) {
                keep(bytes, pos, bytes.length - pos);
                setAside.accept(new CorruptMessageException("Truncated resume file payload (wanted " + length + ", got "
                        + (bytes.length - pos - 4) + ") in '" + file + "'; the bytes were kept in '" + corrupt + "'"));
                break;
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, pos + 4, pos + 4 + (int) length);
            try {
                out.add(serializer.deserializeMessage(payload));
            } catch (ContentException e) {
                keep(bytes, pos, 4 + (int) length);
                setAside.accept(new CorruptMessageException("A record of resume file '" + file + "' is not a valid message ("
                        + e.getMessage() + "); it was kept in '" + corrupt + "'", e));
            }
            pos += 4 + (int) length;
        }
        Files.deleteIfExists(file);
        return out;
    }

    private void keep(byte[] bytes, int from, int length) throws IOException {
        Sidecars.append(corrupt, java.util.Arrays.copyOfRange(bytes, from, from + length));
    }
}
