package dev.ipcm;

import org.apiguardian.api.API;

/** One thing a protocol can do; scenarios that need it are skipped, with the reason, where it is missing. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Capability {
    /** Processes other than the spawning one can connect to the store. */
    CROSS_PROCESS,
    /** A client can suspend and later reconnect without losing what was sent meanwhile. */
    SUSPEND,
    /** A suspended client keeps its pid registered, so it still looks active (JSONFile, LocalMemory). */
    SUSPEND_KEEPS_PID,
    /** Try-send can report back-pressure and queue per peer instead of blocking. */
    NON_BLOCKING_SEND,
    /** A receiver is woken by the operating system when a message arrives, not by polling. */
    MESSAGE_WAKEUP,
    /** A waiter is woken by the operating system when a peer arrives. */
    PEER_CHANGE_WAKEUP,
    /**
     * Another thread can end a client's wait for messages early ({@link Client#wakeUp()}), so one
     * thread may wait for messages and for other events at once (a service loop does).
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    INTERRUPTIBLE_WAIT,
    /** Messages travel over per-peer connections; a client may connect without listening. */
    CONNECTIONS,
    /** A cleanly disconnected peer stays addressable and its mail waits for its next connect (databases). */
    DISCONNECTED_PEERS_ADDRESSABLE,
    /**
     * Mail waiting for a client survives the death of its process: the client reconnects, or a new
     * one connects under its name, and receives it (docs/decisions.md, "Reconnect after a crash").
     */
    KEEPS_MAIL,
    /** Client names are compared without regard to case (MariaDB and MySQL collations). */
    CASE_INSENSITIVE_NAMES,
    /** The store lives on a database server that must be reachable. */
    REQUIRES_SERVER,
    /**
     * ipcm's own protocol of the same reference name joins this protocol's stores by their info
     * string, beside this protocol's clients: declared by an implementation outside ipcm that
     * shares its layout (a driver's, docs/driver-protocol.md), never by ipcm's own protocols,
     * where both sides of the pair would be one implementation.
     */
    MIXED_PAIRS
}
