package dev.ipcm.protocol.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;

/**
 * A server-side token of a client's life: a lock held by the client's own session, which the
 * server releases when that session ends however it ends (exit, SIGKILL, a lost network once the
 * server's timeouts notice). Another client, on any machine, asks the server whether it is held
 * (docs/protocols/databases.md, "Across machines").
 */
interface LivenessTokens {
    /** Takes the token of {@code name} on this session without waiting; false when another session holds it. */
    boolean take(Connection c, String name) throws SQLException;

    /** Releases the token of {@code name} held by this session (a connection the application keeps open). */
    void release(Connection c, String name) throws SQLException;

    /** Which of {@code names} have their token held by some session. */
    Set<String> held(Connection c, Collection<String> names) throws SQLException;
}
