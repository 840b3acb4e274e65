package dev.ipcm.protocol.db;

import dev.ipcm.NameTakenException;
import dev.ipcm.internal.Stamps;
import dev.ipcm.os.Os;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One client's token on a server store beyond connect: taken again after a reconnect (or the
 * client refused, or registered again when it was swept meanwhile), and the liveness rule that
 * {@link SqlClient} applies to its peers (docs/protocols/databases.md, "Across machines").
 */
final class ClientToken {
    /** How long a refused token is tried again after a reconnect (the old session may still be ending). */
    private static final long RETAKE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final SqlStore sql;
    private final Dialect dialect;
    private final ServerLiveness liveness;
    private final String name;
    private final long pid;
    /** Seconds a Java peer's token must have been seen free before this client sweeps it ({@link SweepGrace}). */
    private final BigDecimal grace;

    ClientToken(SqlStore sql, Dialect dialect, ServerLiveness liveness, String name, long pid, BigDecimal grace) {
        this.sql = sql;
        this.dialect = dialect;
        this.liveness = liveness;
        this.name = name;
        this.pid = pid;
        this.grace = grace;
    }

    /**
     * On a connection that replaced a lost one: takes the token again, and refuses to go on when
     * another client took the name while the session was down (never two live clients of one name).
     */
    Void afterReconnect(Connection c) throws SQLException {
        if (!liveness.enabled()) {
            return null;
        }
        if (!retake(c)) {
            throw new NameTakenException("The connection of '" + name + "' to the " + dialect.protocolName()
                    + " server broke, and meanwhile another client took the name (it holds the token now); this client"
                    + " cannot go on under it: connect under another name");
        }
        SqlStore.PeerRow row = sql.peerRow(c, name);
        if (row != null && row.pid() != null && row.pid() != pid) {
            liveness.release(c, name);
            throw new NameTakenException("The connection of '" + name + "' to the " + dialect.protocolName()
                    + " server broke, and meanwhile pid " + row.pid() + " registered the name; this client cannot go"
                    + " on under it: connect under another name");
        }
        if (row == null) {
            registerAgain(c);
        } else {
            liveness.clearFree(c, name); // sweeps that saw the token free while the session was down start over
        }
        return null;
    }

    /**
     * While the session was down this client's token was free, so to the others it was dead, and
     * one of them swept its row and inbox (docs/protocols/databases.md, "Across machines"): it
     * registers again, so that it can send and receive; what its inbox held then is gone.
     */
    private void registerAgain(Connection c) throws SQLException {
        BigDecimal now = Stamps.now();
        try {
            sql.insertPeer(c, name, pid, now);
        } catch (SQLException e) {
            if (dialect.isDuplicateKey(e)) {
                liveness.release(c, name);
                throw new NameTakenException("The connection of '" + name + "' to the " + dialect.protocolName()
                        + " server broke, and meanwhile another client registered the name; connect under another name", e);
            }
            throw e;
        }
        liveness.record(c, name, pid, now);
        System.getLogger("dev.ipcm").log(System.Logger.Level.WARNING, "Client '" + name + "' was swept as dead while"
                + " its session to the " + dialect.protocolName() + " server was down; registered again (mail that"
                + " waited for it then was removed with its row)");
    }

    /**
     * Whether the row's recorded owner was a process of this host that no longer runs: its token
     * is released as soon as the server has ended its session, a moment after the process died.
     */
    boolean ownerGoneHere(Connection c, SqlStore.PeerRow row) throws SQLException {
        if (row == null || row.pid() == null) {
            return false;
        }
        ServerLiveness.Owner owner = liveness.owner(c, row.id());
        return owner != null && dev.ipcm.os.HostIdentity.isLocal(owner.hostId()) && !running(row.pid());
    }

    /**
     * Takes the token again. The server releases the old session's token only when that session
     * has finished ending, which can be just after the client already reconnected, so a refusal
     * is believed only once it lasts {@link #RETAKE_NANOS}.
     */
    boolean retake(Connection c) throws SQLException {
        long deadline = System.nanoTime() + RETAKE_NANOS;
        long pause = 5;
        while (!liveness.claim(c, name)) {
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 200);
        }
        return true;
    }

    /**
     * Whether the holder of a peer row is alive: its token says so when a Java client recorded the
     * registration ({@code owner}), or on this host its running pid too; otherwise (a Perl peer)
     * its pid, which is this host's.
     */
    static boolean alive(long pid, ServerLiveness.Owner owner) {
        if (owner == null) {
            return running(pid);
        }
        // On this host the pid also counts: a running owner whose session was cut is reconnecting, not dead.
        return owner.held() || (dev.ipcm.os.HostIdentity.isLocal(owner.hostId()) && running(pid));
    }

    /**
     * Whether a sweep may delete the row of a Java peer that {@link #alive} found gone: a free
     * token is also what a client whose session was cut shows while it reconnects, so the token
     * must have been seen free for {@link #grace} (the first sweep to see it stamps the moment),
     * unless the owner was a process of this host that no longer runs, which cannot come back.
     * The owner is asked again first: it may have reconnected and taken its token back since the
     * sweep looked (then its record is held, or replaced by a new registration).
     *
     * @param stamped when a sweep first saw the token free, or null when none did yet
     * @param now this sweep's clock
     */
    boolean dueForSweep(Connection c, String peer, long peerPid, BigDecimal stamped, BigDecimal now) throws SQLException {
        ServerLiveness.Owner current = liveness.owner(c, peer);
        if (current == null || current.held()) {
            return false;
        }
        if (dev.ipcm.os.HostIdentity.isLocal(current.hostId()) && !running(peerPid)) {
            return true;
        }
        BigDecimal since = stamped != null ? stamped : liveness.stampFree(c, peer, now);
        // Without a stamp (no table to keep it in) the token was never seen free for long: only grace 0 sweeps.
        return since == null ? grace.signum() == 0 : now.subtract(since).compareTo(grace) >= 0;
    }

    private static boolean running(long pid) {
        return pid > 0 && Os.get().isRunning(pid);
    }
}
