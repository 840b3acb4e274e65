package dev.ipcm.protocol.fs;

import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.StoreGoneException;
import dev.ipcm.os.DirectoryListing;
import dev.ipcm.protocol.directory.DirectoryClient;
import dev.ipcm.protocol.directory.DirectoryWatch;
import dev.ipcm.protocol.directory.OnDiskNames;
import dev.ipcm.protocol.directory.Sidecars;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A MessageFiles client: its inbox is the directory {@code route/N}; a message is delivered by
 * writing {@code <id>.pend} into the recipient's directory and renaming it to {@code <id>.ready}
 * there, so a reader only ever sees whole messages.
 *
 * <p>A receiver wakes on inotify events for its own directory. A file that cannot be decoded is
 * renamed to {@code <id>.corrupt} (never read again) and reported, and the other files are still
 * delivered; the reference instead deletes it and throws.
 */
final class MessageFilesClient extends DirectoryClient {
    private static final String READY = ".ready";
    private static final String CORRUPT = ".corrupt";
    /** Listings per fetch before the batch is cut by the senders' stamps instead (see {@link SenderOrderCut}). */
    private static final int MAX_LISTINGS = 3;
    /** Message ids become file names: only UUID-like ids are accepted, never a path. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private Path inbox;
    private final DirectoryWatch inboxWatch;
    /** Set once disconnect has begun: a vanished store then just means there is nothing left to drain. */
    private boolean leaving;
    /** Whether the last fetch held ready files back for the next one (see {@link #readInbox}). */
    private boolean heldBack;
    private final SenderOrderCut orderCut = new SenderOrderCut();
    /** At-least-once: the file of each message read but not yet acknowledged, by message id. */
    private final Map<String, Path> peeked = new HashMap<>();

    MessageFilesClient(ConnectRequest request) {
        super(request, MessageFilesProtocol.CAPABILITIES, OnDiskNames.FILE_BUDGET);
        register();
        synchronized (io) {
            inbox = endpointPath();
        }
        inboxWatch = DirectoryWatch.creations(endpointPath(), n -> n.endsWith(READY), watching);
    }

    @Override
    protected boolean isEndpoint(Path path) {
        return Files.isDirectory(path);
    }

    /** An inbox directory keeps its message files after its reader dies. */
    @Override
    protected boolean keepsMail() {
        return true;
    }

    @Override
    protected void createEndpoint(Path path) throws IOException {
        Sidecars.createPrivateDirectory(path);
    }

    @Override
    protected String endpointType() {
        return "subdir";
    }

    // ==== sending =============================================================================

    @Override
    protected void deliver(Message message) {
        String to = message.toOrNull();
        Path dir = peerEndpoint(to).orElseThrow(() -> noSuchPeer(to));
        String id = message.id();
        if (!SAFE_ID.matcher(id).matches()) {
            throw new ContentException("Message id '" + id + "' cannot be used as a MessageFiles file name: use letters, "
                    + "digits, '-' and '_' only (a UUID), or let the library generate the id (nothing was sent)");
        }
        byte[] bytes = encode(message);
        Path base = dir.resolve(id);
        Path pend = dir.resolve(id + Sidecars.PEND);
        Path ready = dir.resolve(id + READY);
        // The .pend file is created with CREATE_NEW, which refuses an existing one by itself.
        if (Files.exists(ready)) {
            throw alreadyExists(base);
        }
        try {
            Sidecars.writeNew(pend, bytes);
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(base);
        } catch (NoSuchFileException e) {
            throw vanished(to);
        } catch (IOException e) {
            throw ioFailure("write message file", pend, e);
        }
        try {
            Sidecars.rename(pend, ready);
        } catch (IOException e) {
            abandon(pend, to);
            if (Files.isDirectory(dir)) {
                throw ioFailure("rename message file (Could not rename file)", pend, e);
            }
            // The recipient disconnected between our write and our rename: its directory is now _N.
            throw vanished(to);
        }
    }

    private ContentException alreadyExists(Path base) {
        return new ContentException("Message file '" + base + "' already exists: this message (same id) was already "
                + "sent to that client; send a new message instead of resending the same object");
    }

    private RuntimeException vanished(String to) {
        return storeExists() ? noSuchPeer(to) : storeGone();
    }

    /** Removes our half-delivered file wherever it ended up, so a draining recipient does not wait for it. */
    private void abandon(Path pend, String to) {
        try {
            Files.deleteIfExists(pend);
            Files.deleteIfExists(routePath().resolve("_" + onDiskName(to)).resolve(pend.getFileName()));
        } catch (IOException ignored) {
            // Best effort: the recipient's drain gives up on in-flight files after its deadline anyway.
        }
    }

    // ==== receiving ===========================================================================

    @Override
    protected List<Message> fetch() {
        return readInbox(true);
    }

    /** At-least-once: reads the inbox and remembers which file holds each message, for {@link #deleteStored}. */
    @Override
    protected List<Message> peekStored() {
        return readInbox(false);
    }

    @Override
    protected void deleteStored(List<Message> messages) {
        for (Message m : messages) {
            Path path = peeked.remove(m.id());
            try {
                if (path != null) {
                    DirectoryListing.unlinkIfExists(path);
                }
            } catch (IOException e) {
                throw ioFailure("delete acknowledged message file", path, e);
            }
        }
    }

    /**
     * Reads the ready files and returns the messages to deliver now; deletes each one delivered
     * when {@code take}, else records it in {@link #peeked}.
     *
     * <p>A directory listing returns every entry that was there when it began, so each file seen
     * by one listing has all its sender's earlier files in the next: we list again until a
     * listing finds nothing new, at most {@link #MAX_LISTINGS} times, and {@link SenderOrderCut}
     * holds back what the last listing's new files could still overtake.
     */
    private List<Message> readInbox(boolean take) {
        List<String> listed = readyEntries();
        heldBack = false;
        if (listed.isEmpty()) {
            orderCut.clear();
            return List.of();
        }
        Set<String> seen = new HashSet<>(listed);
        Set<String> fresh = Set.of();
        for (int i = 1; i < MAX_LISTINGS; i++) {
            fresh = new HashSet<>();
            for (String file : readyEntries()) {
                if (seen.add(file)) {
                    fresh.add(file);
                }
            }
            if (fresh.isEmpty()) {
                break;
            }
        }
        Map<String, Message> read = new HashMap<>(seen.size() * 2);
        for (String file : seen) {
            Message m = readMessage(inbox.resolve(file));
            if (m != null) {
                read.put(file, m);
            }
        }
        SenderOrderCut.Cut cut = orderCut.cut(read, fresh);
        heldBack = cut.heldBack();
        List<Message> out = new ArrayList<>(cut.deliver().size());
        for (Map.Entry<String, Message> e : cut.deliver().entrySet()) {
            Path path = inbox.resolve(e.getKey());
            if (take) {
                try {
                    DirectoryListing.unlinkIfExists(path);
                } catch (IOException x) {
                    throw ioFailure("delete message file", path, x);
                }
            } else {
                peeked.put(e.getValue().id(), path);
            }
            out.add(e.getValue());
        }
        return out;
    }

    /** The message in {@code path}, or null when the file is gone or was set aside as unusable. */
    private Message readMessage(Path path) {
        byte[] bytes;
        try {
            bytes = MessageFileBytes.read(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (MessageFileBytes.NotAMessageFile e) {
            setAside(path, "is no message: " + e.getMessage(), null);
            return null;
        } catch (IOException e) {
            throw ioFailure("read message file", path, e);
        }
        try {
            return decode(bytes);
        } catch (ContentException e) {
            setAside(path, "could not be decoded (" + e.getMessage() + ")", e);
            return null;
        }
    }

    private List<String> readyEntries() {
        List<String> out = new ArrayList<>();
        for (String file : inboxEntries()) {
            if (file.endsWith(READY)) {
                out.add(file);
            }
        }
        return out;
    }

    private void setAside(Path path, String problem, ContentException cause) {
        String file = path.getFileName().toString();
        String base = file.substring(0, file.length() - READY.length());
        Path aside = path.resolveSibling(base + CORRUPT);
        try {
            try {
                Sidecars.rename(path, aside);
            } catch (java.nio.file.FileSystemException e) {
                if (e instanceof NoSuchFileException) {
                    throw e;
                }
                // A non-empty directory of that name is already set aside (a rename cannot replace
                // it): pick a fresh name, so one bad entry can never wedge the inbox.
                aside = path.resolveSibling(base + "." + Long.toHexString(System.nanoTime()) + CORRUPT);
                Sidecars.rename(path, aside);
            }
        } catch (IOException e) {
            throw ioFailure("set aside unusable message file", path, e);
        }
        setAside(new CorruptMessageException("Message file '" + path + "' " + problem + "; it was renamed to '"
                + aside + "' and the other messages were delivered", cause));
    }

    @Override
    protected boolean hasReady() {
        return inboxHas(READY);
    }

    @Override
    protected boolean hasPending() {
        return inboxHas(Sidecars.PEND);
    }

    private boolean inboxHas(String suffix) {
        for (String file : inboxEntries()) {
            if (file.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The inbox's entry names (none once it is gone while leaving), in as few system calls as the system allows. */
    private List<String> inboxEntries() {
        try {
            return DirectoryListing.names(inbox);
        } catch (NoSuchFileException e) {
            if (leaving) {
                return new ArrayList<>();
            }
            throw inboxGone();
        } catch (IOException e) {
            throw ioFailure("list message directory", inbox, e);
        }
    }

    private StoreGoneException inboxGone() {
        if (!storeExists()) {
            return storeGone();
        }
        return new StoreGoneException("The message directory '" + inbox + "' of client '" + name()
                + "' no longer exists: another process removed it (peerLeft reaps clients whose pid is dead); "
                + "connect again");
    }

    @Override
    protected void waitForActivity(long nanos) {
        boolean held;
        synchronized (io) {
            held = heldBack;
        }
        if (!held) {
            // Held-back files are in the inbox already and no event will come for them: fetch again at once.
            inboxWatch.await(nanos);
        }
    }

    // ==== leaving =============================================================================

    /**
     * Renames {@code N} to {@code _N}: from then on senders get "does not exist", while the drain
     * still reads the renamed directory. A stale {@code _N} left by a process killed during its
     * disconnect is not ours to delete (its files may still be drained), so we pick a fresh
     * {@code _N.<random>} name instead of failing as the reference does.
     */
    @Override
    protected void unregister() {
        leaving = true;
        Path from = endpointPath();
        Path to = routePath().resolve("_" + onDiskName());
        try {
            try {
                Files.move(from, to);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                to = routePath().resolve("_" + onDiskName() + "." + Long.toHexString(System.nanoTime()));
                Files.move(from, to);
            }
            inbox = to;
        } catch (NoSuchFileException e) {
            // The directory (or the whole store) is already gone: nothing is left to drain, so leaving just completes.
            if (storeExists()) {
                System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, "The message directory '" + from
                        + "' of client '" + name() + "' had already been removed when it disconnected");
            }
        } catch (IOException e) {
            throw ioFailure("rename directory (Cannot rename directory)", from, e);
        }
    }

    @Override
    protected void removeEndpoint() throws IOException {
        Sidecars.deleteTree(inbox);
    }

    @Override
    protected void closeResources() {
        super.closeResources();
        if (inboxWatch != null) {
            inboxWatch.close();
        }
    }
}
