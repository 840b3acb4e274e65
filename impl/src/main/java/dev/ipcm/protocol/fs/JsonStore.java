package dev.ipcm.protocol.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.ContentException;
import dev.ipcm.IpcmException;
import dev.ipcm.InvalidInfoException;
import dev.ipcm.StoreGoneException;
import dev.ipcm.internal.Json;
import dev.ipcm.os.Fd;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSONFile store: one JSON file with {@code clients}, {@code messages} and {@code stats},
 * read under a shared {@code flock(2)} and rewritten in place under an exclusive one
 * (docs/protocols/file-stores.md, "JSONFile"), so Perl processes, which lock the same way and
 * watch the same inode, are excluded and notified. {@code FileChannel.lock} is not used: it is an fcntl lock, which does not conflict
 * with flock.
 */
final class JsonStore {
    /** One exclusive-lock transaction: the decoded store, and whether it must be written back. */
    static final class Tx {
        private final ObjectNode root;
        private boolean changed;

        private Tx(ObjectNode root) {
            this.root = root;
        }

        /** The top-level member {@code name}, created empty if missing. */
        ObjectNode section(String name) {
            JsonNode n = root.get(name);
            if (n instanceof ObjectNode o) {
                return o;
            }
            return root.putObject(name);
        }

        /** Marks the store as modified: it is written back when the transaction ends. */
        void changed() {
            changed = true;
        }
    }

    /** The sections every JSONFile spawn, this library's and the reference's, writes. */
    private static final java.util.List<String> STORE_SECTIONS = java.util.List.of("clients", "messages", "stats");

    private final Path file;
    private final JsonJournal journal;

    JsonStore(Path file) {
        this.file = file;
        this.journal = new JsonJournal(file);
    }

    Path path() {
        return file;
    }

    /**
     * Runs {@code reader} on the store under a shared lock. A file left damaged by a killed writer
     * is repaired first, under the exclusive lock that repair needs.
     */
    <T> T read(Function<ObjectNode, T> reader) {
        ObjectNode root;
        try (Fd fd = open(Fd.O_RDONLY)) {
            fd.lock(false);
            root = decodeOrNull(fd.readAll());
        } catch (IOException e) {
            throw failure(e);
        }
        return root != null ? reader.apply(root) : update(tx -> reader.apply(tx.root));
    }

    /**
     * Runs {@code mutation} under an exclusive lock and, if it called {@link Tx#changed()},
     * rewrites the file in place (same inode, through the journal) before the lock is released. A transaction that
     * changes nothing does not write, so idle receivers do not wake each other up.
     */
    <T> T update(Function<Tx, T> mutation) {
        return update(mutation, false);
    }

    /**
     * Connect's first transaction: as {@link #update}, but first refuses with
     * {@link InvalidInfoException} a route that is no JSONFile store (not a regular file; not a
     * JSON object holding the objects {@code clients}, {@code messages} and {@code stats}, as
     * every JSONFile spawn writes it), before anything is written there. A store a killed writer
     * left damaged, with its journal beside it, is repaired as by any transaction.
     */
    <T> T connect(Function<Tx, T> mutation) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw gone();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw refusal(Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? "it is a directory"
                    : Files.isSymbolicLink(file) ? "it is a symbolic link" : "it is not a regular file");
        }
        return update(mutation, true);
    }

    private <T> T update(Function<Tx, T> mutation, boolean connecting) {
        try (Fd fd = open(Fd.O_RDWR)) {
            fd.lock(true);
            ObjectNode root = recover(fd, connecting);
            if (connecting && !STORE_SECTIONS.stream().allMatch(s -> root.get(s) instanceof ObjectNode)) {
                throw refusal("it is a JSON object without the objects " + STORE_SECTIONS + " every JSONFile store holds");
            }
            Tx tx = new Tx(root);
            T result = mutation.apply(tx);
            if (tx.changed) {
                writeThrough(fd, Json.encode(tx.root));
            }
            return result;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * The store's content under the exclusive lock. A journal left by a writer that was killed
     * is replayed if the file is damaged (the rewrite had begun) and dropped if the file is whole
     * (the rewrite had not begun, or had finished: either way the file is a state some
     * transaction left complete).
     */
    private ObjectNode recover(Fd fd, boolean connecting) throws IOException {
        byte[] bytes = fd.readAll();
        Optional<byte[]> pending = journal.read();
        if (pending.isEmpty()) {
            if (connecting && decodeOrNull(bytes) == null) {
                throw refusal("it does not hold a JSON object (" + abbreviate(new String(bytes, 0, Math.min(bytes.length, 40),
                        java.nio.charset.StandardCharsets.ISO_8859_1)).replaceAll("[^ -~]", "?") + ")");
            }
            return decode(bytes);
        }
        ObjectNode root = decodeOrNull(bytes);
        if (root != null) {
            journal.remove();
            return root;
        }
        ObjectNode replayed = decodeOrNull(pending.get());
        if (replayed == null) {
            throw new ContentException("The JSONFile store '" + file + "' is damaged and its journal '" + journal.path()
                    + "' is not valid JSON either; nothing was changed. Spawn a new store");
        }
        writeThrough(fd, pending.get());
        return replayed;
    }

    /** Journal, rewrite in place, sync, drop the journal: a kill at any point leaves a whole state. */
    private void writeThrough(Fd fd, byte[] content) throws IOException {
        journal.write(content);
        fd.rewrite(content);
        JsonJournal.sync(file);
        journal.remove();
    }

    private ObjectNode decodeOrNull(byte[] bytes) {
        try {
            return Json.decode(bytes) instanceof ObjectNode o ? o : null;
        } catch (ContentException e) {
            return null;
        }
    }

    private Fd open(int mode) {
        try {
            return Os.get().open(file, mode, 0);
        } catch (UncheckedIOException e) {
            if (!Files.exists(file)) {
                throw gone();
            }
            throw new IpcmException("Could not open the JSONFile store '" + file + "': " + e.getCause().getMessage(), e);
        }
    }

    private ObjectNode decode(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.decode(bytes);
        } catch (ContentException e) {
            throw new ContentException("The JSONFile store '" + file + "' is not valid JSON (" + e.getMessage()
                    + "); something other than IPC::Manager wrote it. Nothing was changed; spawn a new store", e);
        }
        if (!(root instanceof ObjectNode o)) {
            throw new ContentException("The JSONFile store '" + file + "' must hold a JSON object with 'clients', "
                    + "'messages' and 'stats', got " + abbreviate(root.toString()) + "; nothing was changed");
        }
        return o;
    }

    private RuntimeException failure(IOException e) {
        if (!Files.exists(file)) {
            return gone();
        }
        return new IpcmException("I/O on the JSONFile store '" + file + "' failed: " + e.getMessage(), e);
    }

    /** The error for a route that is no JSONFile store. */
    private InvalidInfoException refusal(String why) {
        return new InvalidInfoException("Refusing to connect to '" + file + "' as a JSONFile store: " + why
                + "; connect with the info string that spawn printed (nothing was written)");
    }

    /** The error for a store file that no longer exists. */
    StoreGoneException gone() {
        return new StoreGoneException("The JSONFile store file '" + file + "' no longer exists: the store was unspawned "
                + "or deleted; spawn a new store and connect to its info string");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
