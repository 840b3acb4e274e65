package dev.ipcm.protocol.db;

import dev.ipcm.ContentException;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.NameTakenException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.Stats;
import dev.ipcm.internal.Stamps;
import dev.ipcm.serial.Serializer;
import dev.ipcm.spi.AbstractClient;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A client of a SQL store. Registration, suspend, disconnect, peers and stats run the reference's
 * statements (docs/protocols/databases.md, "Registration, suspend, leaving"). A receive reads its
 * rows, then deletes exactly the ids it read, so each message is delivered exactly once even when
 * the receiver dies mid-way.
 */
final class SqlClient extends AbstractClient {
    private final DbSession db;
    private final SqlStore sql;
    private final Dialect dialect;
    private final ActivityWaiter waiter;
    private final InboxReceiver receiver;
    private final ServerLiveness liveness;
    private final ClientToken token;

    private SqlClient(ConnectRequest request, DatabaseProtocol protocol, DbSession db, Stats initial) {
        super(request, protocol.capabilities(), initial);
        this.db = db;
        this.dialect = protocol.dialect;
        this.sql = protocol.sql;
        this.liveness = new ServerLiveness(dialect);
        this.token = new ClientToken(sql, dialect, liveness, name(), pid(), SweepGrace.seconds(request));
        db.once("register client '" + name() + "'", c -> {
            register(c, request.reconnect());
            return null;
        });
        db.onReopen(token::afterReconnect);
        this.waiter = protocol.waiter(db, name());
        this.receiver = new InboxReceiver(db, sql, serializer(), name(), waiter);
        connected();
    }

    /** Connects (or reconnects) a client, closing the connection again if registration fails. */
    static SqlClient open(ConnectRequest request, DatabaseProtocol protocol) {
        String name = ClientNames.validate(request.name(), protocol.capabilities().maxNameLength());
        DbLocation location = protocol.location(request.route());
        DbSession db = new DbSession(protocol.dialect, location, DbCredentials.resolve(request.params(), location),
                protocol.pool(request).orElse(null));
        try {
            Stats initial = request.reconnect()
                    ? db.call("read the stats of '" + name + "'", c -> decodeStats(request.serializer(),
                            protocol.sql.stats(c, name), name))
                    : new Stats();
            return new SqlClient(request, protocol, db, initial);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void register(Connection c, boolean reconnect) throws SQLException {
        SqlStore.PeerRow row = sql.peerRow(c, name());
        if (row != null && !row.id().equals(name())) {
            throw new NameTakenException("Client name '" + name() + "' collides with the registered client '" + row.id()
                    + "': the " + dialect.protocolName() + " store compares names without regard to case (its collation"
                    + " is case-insensitive), so both would share one inbox; choose a name that differs in more than case");
        }
        if (reconnect && row == null) {
            throw new NoSuchPeerException("The '" + name() + "' peer does not exist on this " + dialect.protocolName()
                    + " store, so it cannot reconnect; connect instead");
        }
        if (!liveness.claim(c, name()) && !(token.ownerGoneHere(c, row) && token.retake(c))) {
            ServerLiveness.Owner owner = row == null ? null : liveness.owner(c, row.id());
            throw new NameTakenException("Looks like the connection is already running"
                    + (row == null || row.pid() == null ? "" : " in pid " + row.pid())
                    + (owner == null ? "" : " on host " + owner.hostName()) + " for '" + name() + "' (it holds its token"
                    + " on the " + dialect.protocolName() + " server); choose another name or disconnect that client first");
        }
        try {
            claimRow(c, row, reconnect);
        } catch (SQLException | RuntimeException e) {
            liveness.release(c, name()); // the connection may be the application's and outlive this attempt
            throw e;
        }
    }

    private void claimRow(Connection c, SqlStore.PeerRow row, boolean reconnect) throws SQLException {
        // We hold the name's token now, so a Java owner recorded for the row is gone; a row without a record is a Perl peer's.
        if (row != null && row.pid() != null && liveness.owner(c, row.id()) == null && isRunning(row.pid())) {
            throw new NameTakenException("Looks like the connection is already running in pid " + row.pid()
                    + " for '" + name() + "'; choose another name or disconnect that client first");
        }
        BigDecimal now = Stamps.now();
        if (row == null) {
            try {
                sql.insertPeer(c, name(), pid(), now);
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw new NameTakenException("Client '" + name() + "' was registered by another process at the same"
                            + " moment; choose another name", e);
                }
                throw e;
            }
            liveness.record(c, name(), pid(), now);
            return;
        }
        if (row.pid() != null && !reconnect) {
            // Its owner died without disconnecting: a fresh client under the name starts with fresh counts but
            // gets the mail that waited; the reference deletes it (docs/decisions.md, "Reconnect after a crash").
            sql.clearStats(c, name());
        }
        if (!sql.takeOver(c, name(), pid(), now, row.pid())) {
            throw new NameTakenException("Client '" + name() + "' was taken over by another process at the same moment;"
                    + " choose another name");
        }
        liveness.record(c, name(), pid(), now);
    }

    // ==== sending =============================================================================

    @Override
    protected void deliver(Message message) {
        if (dialect.storeFileGone(db.location)) {
            throw SqlErrors.fileGone(dialect, db.location); // an insert would succeed into the deleted file
        }
        byte[] content = serializer().serialize(message.content());
        checkSize(content.length, message);
        String to = message.toOrNull();
        boolean[] retried = {false};
        db.call("send a message to '" + to + "'", c -> {
            try {
                if (!sql.insertMessage(db.statements(), message, content)) {
                    throw noSuchPeer(to);
                }
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e) && retried[0]) {
                    return null; // the first attempt committed before its connection died
                }
                if (dialect.isDuplicateKey(e)) {
                    throw new ContentException("A message with id " + message.id() + " is already stored; "
                            + "send a new message (each message needs its own id)", e);
                }
                if (MySQLFamilyDialect.isDataTooLong(e)) {
                    throw new MessageTooLargeException("The content of the message to '" + to + "' does not fit the "
                            + dialect.protocolName() + " BLOB column (at most " + MySQLFamilyDialect.MAX_BLOB
                            + " bytes): " + e.getMessage(), e);
                }
                retried[0] = true;
                throw e;
            }
            return null;
        });
    }

    // ==== receiving ===========================================================================

    @Override
    protected boolean hasReady() {
        if (db.broken()) {
            return false; // nothing more arrives for a client whose name was taken; its next receive says why
        }
        return db.call("check the inbox of '" + name() + "'", c -> sql.hasMessages(db.statements(), name()));
    }

    @Override
    protected List<Message> fetch() {
        List<Message> got = receiver.receive(this::setAside);
        if (got.isEmpty() && dialect.storeFileGone(db.location)) {
            throw SqlErrors.fileGone(dialect, db.location);
        }
        return got;
    }

    @Override
    protected List<Message> peekStored() {
        return receiver.peek(this::setAside);
    }

    @Override
    protected void deleteStored(List<Message> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        messages.forEach(m -> ids.add(m.id()));
        receiver.acknowledge(ids);
    }

    @Override
    protected void waitForActivity(long nanos) {
        boolean checked;
        synchronized (io) {
            checked = receiver.takeCheckedEmpty() && !isDisconnected();
        }
        waiter.await(nanos, () -> {
            synchronized (io) {
                return isDisconnected() || hasReady();
            }
        }, checked);
    }

    // ==== peers ===============================================================================

    @Override
    protected List<String> listPeers() {
        return db.call("list peers", c -> {
            Map<String, Long> rows = sql.activePeers(c, name());
            Map<String, ServerLiveness.Owner> owners = liveness.owners(c);
            List<String> out = new ArrayList<>();
            rows.forEach((id, pid) -> {
                if (pid == null || ClientToken.alive(pid, owners.get(id))) {
                    out.add(id);
                }
            });
            return out;
        });
    }

    @Override
    protected boolean isRegistered(String peer) {
        return db.call("look up peer '" + peer + "'", c -> sql.peerExists(c, peer));
    }

    @Override
    protected OptionalLong recordedPid(String peer) {
        if (peer == null || peer.isEmpty()) {
            return OptionalLong.empty();
        }
        SqlStore.PeerRow row = db.call("look up peer '" + peer + "'", c -> sql.peerRow(c, peer));
        return row == null || !row.active() || row.pid() == null ? OptionalLong.empty() : OptionalLong.of(row.pid());
    }

    /** Whether the peer is connected now: its token on the server when it holds one, else its pid here. */
    @Override
    public boolean peerActive(String peer) {
        if (!liveness.enabled() || peer == null || peer.isEmpty()) {
            return super.peerActive(peer);
        }
        synchronized (io) {
            return db.call("look up peer '" + peer + "'", c -> {
                SqlStore.PeerRow row = sql.peerRow(c, peer);
                return row != null && row.active() && row.pid() != null && ClientToken.alive(row.pid(), liveness.owner(c, row.id()));
            });
        }
    }

    @Override
    protected Optional<dev.ipcm.PeerHost> recordedHost(String peer) {
        if (!liveness.enabled()) {
            return Optional.empty();
        }
        ServerLiveness.Owner owner = db.call("look up the host of '" + peer + "'", c -> liveness.owner(c, peer));
        return owner == null ? Optional.empty() : Optional.of(new dev.ipcm.PeerHost(owner.hostId(), owner.hostName(),
                dev.ipcm.os.HostIdentity.isLocal(owner.hostId())));
    }

    @Override
    protected Optional<BigDecimal> recordedSuspendDeadline(String peer) {
        SqlStore.PeerRow row = db.call("look up peer '" + peer + "'", c -> sql.peerRow(c, peer));
        return row == null ? Optional.empty() : Optional.ofNullable(row.suspendExpires());
    }

    @Override
    protected int reapDeadPeers() {
        return db.call("remove dead peers", c -> {
            int n = 0;
            Map<String, ServerLiveness.Owner> owners = liveness.owners(c);
            Map<String, BigDecimal> freeSince = liveness.freeStamps(c);
            BigDecimal now = Stamps.now();
            for (Map.Entry<String, Long> e : sql.activePeers(c, name()).entrySet()) {
                String id = e.getKey();
                Long pid = e.getValue();
                ServerLiveness.Owner owner = owners.get(id);
                if (pid == null) {
                    continue;
                }
                if (ClientToken.alive(pid, owner)) {
                    if (owner != null && owner.held() && freeSince.containsKey(id)) {
                        liveness.clearFree(c, id); // its owner came back; a later loss starts a new grace
                    }
                } else if (owner == null || token.dueForSweep(c, id, pid, freeSince.get(id), now)) {
                    sql.deleteInbox(c, id);
                    sql.deletePeer(c, id);
                    liveness.forget(c, id);
                    n++;
                }
            }
            return n;
        });
    }

    // ==== life cycle ==========================================================================

    @Override
    protected void unregister() {
        if (dialect.storeFileGone(db.location) || db.broken()) {
            return; // the store's file was deleted: nothing is left to clean, so leaving just completes
        }
        db.call("unregister '" + name() + "'", c -> {
            sql.unregister(c, name());
            return null;
        });
    }

    @Override
    protected void finishDisconnect() {
        // The row stays, as in the reference: the name remains addressable and later mail waits for it.
    }

    @Override
    protected void markSuspended(BigDecimal expiresAt) {
        if (db.broken()) {
            return; // the name belongs to another client now; there is nothing of ours to suspend
        }
        db.call("suspend '" + name() + "'", c -> {
            sql.suspend(c, name(), expiresAt);
            return null;
        });
    }

    @Override
    protected void persistStats(Stats stats) {
        if (dialect.storeFileGone(db.location) || db.broken()) {
            return; // as in unregister: a deleted store keeps no stats
        }
        byte[] bytes = serializer().serialize(stats.toJson());
        db.call("write the stats of '" + name() + "'", c -> {
            sql.writeStats(c, name(), bytes);
            return null;
        });
    }

    @Override
    protected Map<String, Stats> loadAllStats() {
        Map<String, byte[]> rows = db.call("read every client's stats", sql::allStats);
        Map<String, Stats> out = new TreeMap<>();
        rows.forEach((id, bytes) -> out.put(id, decodeStats(serializer(), bytes, id)));
        return out;
    }

    /** Stats bytes as counts; NULL (never persisted) and undecodable values read as empty, with a warning for the latter. */
    private static Stats decodeStats(Serializer serializer, byte[] bytes, String id) {
        if (bytes == null) {
            return new Stats();
        }
        try {
            return Stats.fromJson(serializer.deserialize(bytes));
        } catch (RuntimeException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING,
                    "Stats of client '" + id + "' could not be decoded and count as empty: " + e.getMessage());
            return new Stats();
        }
    }

    /**
     * Releases the token before the connection closes: the server ends a closed session a moment
     * later, and a reconnect under the name right after must not find the token still held; a
     * connection of the application's outlives the client and would keep it.
     */
    private void releaseToken() {
        if (!liveness.enabled() || db.broken()) {
            return;
        }
        try {
            db.ifConnected(c -> {
                liveness.release(c, name());
                return null;
            });
        } catch (SQLException e) {
            System.getLogger("dev.ipcm").log(System.Logger.Level.DEBUG, "token of '" + name() + "' not released", e);
        }
    }

    @Override
    protected void closeResources() {
        try {
            if (waiter != null) {
                waiter.close();
            }
            releaseToken();
        } finally {
            db.close();
        }
    }
}
