package com.example.ipcm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcm.ContentException;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.StoreGoneException;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.spi.ConnectRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A DirectoryStore client. {@link AbstractClient} does the contract (message building, ordering,
 * stats, broadcast, the disconnect drain, waits with deadlines); this class only moves bytes
 * between files and answers questions about the directories.
 */
final class DirectoryStoreClient extends AbstractClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Layout layout;

    DirectoryStoreClient(ConnectRequest request, Layout layout) {
        super(request, DirectoryStoreProtocol.CAPABILITIES, null);
        this.layout = layout;
        try {
            if (request.reconnect()) {
                reattach();
            } else {
                register();
            }
        } catch (IOException e) {
            throw new IpcmException("Cannot register client '" + name() + "' in the DirectoryStore at '"
                    + request.route() + "': " + e.getMessage(), e);
        }
        connected();
    }

    private void register() throws IOException {
        if (!layout.create(name())) {
            OptionalLong old = recordedPid(name());
            if (old.isPresent() && !isRunning(old.getAsLong())) {
                // The previous holder of the name died without disconnecting: its entry is stale.
                Layout.deleteTree(layout.client(name()));
                if (layout.create(name())) {
                    writePid();
                    return;
                }
            }
            throw new NameTakenException("Client '" + name() + "' already exists on this DirectoryStore"
                    + old.stream().mapToObj(p -> " (pid " + p + ")").findFirst().orElse("")
                    + "; choose another name, or reconnect if it is suspended");
        }
        writePid();
    }

    private void reattach() throws IOException {
        if (!Files.isDirectory(layout.client(name()))) {
            throw new NoSuchPeerException("Client '" + name() + "' does not exist on this DirectoryStore: "
                    + "only a suspended client can reconnect");
        }
        OptionalLong old = recordedPid(name());
        if (old.isPresent() && old.getAsLong() != pid() && isRunning(old.getAsLong())) {
            throw new NameTakenException("Connection already running in pid " + old.getAsLong() + " for '" + name() + "'");
        }
        Layout.readText(layout.statsFile(name())).ifPresent(text -> {
            Stats saved = Stats.fromJson(parse(text));
            saved.read().forEach((k, v) -> stats().countRead(k, v));
            saved.sent().forEach((k, v) -> stats().countSent(k, v));
        });
        writePid();
        Files.deleteIfExists(layout.suspendedFile(name()));
    }

    private void writePid() throws IOException {
        layout.writeAtomically(name(), layout.pidFile(name()), Long.toString(pid()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void deliver(Message message) {
        String to = message.toOrNull();
        if (!SAFE_ID.matcher(message.id()).matches()) {
            // Ids become file names: a path-like id would write outside the inbox, where nobody reads it.
            throw new ContentException("Message id '" + message.id() + "' cannot be a DirectoryStore file name: use "
                    + "letters, digits, '-' and '_' only (a UUID), or let the library generate the id (nothing was sent)");
        }
        Path inbox = layout.clientIfValid(to).map(d -> d.resolve("inbox")).orElseThrow(() -> missing(to));
        if (!Files.isDirectory(inbox)) {
            throw missing(to);
        }
        try {
            // Written under the recipient's tmp, so the rename into its inbox stays on one file system.
            layout.writeAtomically(to, inbox.resolve(message.id() + ".msg"), encode(message));
        } catch (NoSuchFileException e) {
            throw missing(to);
        } catch (IOException e) {
            throw new IpcmException("Cannot deliver to '" + to + "' in the DirectoryStore: " + e.getMessage(), e);
        }
    }

    /** The store-gone error when the whole store is gone, else a failure to suspend naming what was missing. */
    private IpcmException storeGoneOr(NoSuchFileException e) {
        if (!Files.isDirectory(Path.of(info().route()))) {
            return storeGone();
        }
        return new IpcmException("Cannot suspend '" + name() + "': " + e.getMessage() + " is missing", e);
    }

    /** An absent peer, or the whole store gone: the two mean different things to the application. */
    private IpcmException missing(String to) {
        if (!Files.isDirectory(Path.of(info().route()))) {
            return storeGone();
        }
        return noSuchPeer(to);
    }

    private StoreGoneException storeGone() {
        return new StoreGoneException("The DirectoryStore at '" + info().route() + "' no longer exists (the store was "
                + "destroyed); spawn a new store and connect to its info string");
    }

    @Override
    protected List<Message> fetch() {
        List<Message> out = new ArrayList<>();
        for (Path file : inboxFiles()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
                Files.delete(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                out.add(decode(bytes));
            } catch (ContentException e) {
                setAside(new CorruptMessageException("Message file " + file.getFileName() + " for '" + name()
                        + "' could not be decoded and was dropped: " + e.getMessage(), e));
            }
        }
        return out;
    }

    @Override
    protected boolean hasReady() {
        return !inboxFiles().isEmpty();
    }

    private List<Path> inboxFiles() {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.inbox(name()), "*.msg")) {
            files.forEach(out::add);
        } catch (NoSuchFileException e) {
            if (Files.isDirectory(Path.of(info().route()))) {
                // The store lives: the inbox went with this client's own disconnect, racing a thread still waiting.
                return out;
            }
            throw new StoreGoneException("Client '" + name() + "' is no longer registered in the DirectoryStore at '"
                    + info().route() + "' (the store was destroyed)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    protected List<String> listPeers() {
        List<String> out = new ArrayList<>();
        for (String c : layout.clients()) {
            if (!c.equals(name())) {
                OptionalLong p = recordedPid(c);
                if (p.isEmpty() || isRunning(p.getAsLong())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Override
    protected boolean isRegistered(String peer) {
        return layout.clientIfValid(peer).map(Files::isDirectory).orElse(false);
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        Optional<Path> dir = layout.clientIfValid(peer);
        if (dir.isEmpty()) {
            return OptionalLong.empty();
        }
        return Layout.readText(dir.get().resolve("pid")).filter(t -> t.matches("\\d+"))
                .map(t -> OptionalLong.of(Long.parseLong(t))).orElse(OptionalLong.empty());
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        return layout.clientIfValid(peer).flatMap(d -> Layout.readText(d.resolve("suspended")))
                .filter(t -> !t.isEmpty()).map(BigDecimal::new);
    }

    @Override
    protected int reapDeadPeers() {
        int n = 0;
        for (String c : layout.clients()) {
            OptionalLong p = recordedPid(c);
            if (!c.equals(name()) && p.isPresent() && !isRunning(p.getAsLong())) {
                Layout.deleteTree(layout.client(c));
                n++;
            }
        }
        return n;
    }

    @Override
    protected void unregister() {
        // The directory stays until the drain is over, so mail sent meanwhile is still seen.
    }

    @Override
    protected void finishDisconnect() {
        Layout.deleteTree(layout.client(name()));
    }

    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        try {
            layout.writeAtomically(name(), layout.suspendedFile(name()),
                    (expiresAt == null ? "" : expiresAt.toPlainString()).getBytes(StandardCharsets.UTF_8));
            // No pid while suspended: the name stays registered, but nothing claims to be running it.
            Files.deleteIfExists(layout.pidFile(name()));
        } catch (NoSuchFileException e) {
            // The client's directory is gone: with the whole store, that is the store-gone error every store raises.
            throw storeGoneOr(e);
        } catch (IOException e) {
            throw new IpcmException("Cannot suspend '" + name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected void persistStats(Stats stats) {
        try {
            Path file = layout.statsFile(name());
            Layout.writeAtomically(file.getParent(), file, JSON.writeValueAsBytes(stats.toJson()));
        } catch (NoSuchFileException e) {
            // The store was destroyed meanwhile: the counts have nowhere to go.
        } catch (IOException e) {
            throw new IpcmException("Cannot write the stats of '" + name() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        Map<String, Stats> out = new TreeMap<>();
        Path dir;
        try {
            dir = layout.statsDir();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String client = f.getFileName().toString().replaceFirst("\\.json$", "");
                Layout.readText(f).ifPresent(t -> out.put(client, Stats.fromJson(parse(t))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new CorruptMessageException("Stats file is not JSON: " + e.getMessage(), e);
        }
    }
}
