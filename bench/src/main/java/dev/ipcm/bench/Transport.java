package dev.ipcm.bench;

import java.nio.file.Path;

/**
 * Something messages can travel over between two JVMs: an ipcm protocol or a raw transport in
 * plain Java. The parent {@link #start starts} a session; the child rebuilds its side from the
 * {@link #spec spec} and the session's argument.
 */
interface Transport {
    /** What the report calls it: the protocol name, or e.g. {@code raw datagram socket}. */
    String label();

    /** Whether this is a raw baseline rather than an ipcm protocol. */
    boolean isRaw();

    /** A string from which {@link Transports#fromSpec} rebuilds this transport in the child. */
    String spec();

    /** Environment variables the child needs besides its arguments (credentials stay off the command line). */
    default java.util.Map<String, String> childEnvironment() {
        return java.util.Map.of();
    }

    /**
     * Creates what both sides share (a store, a directory, sockets, a table) for one pair.
     *
     * @param workDir a private directory this session may use
     */
    TransportSession start(Path workDir, int size) throws Exception;

    /**
     * The child's side of a session, connected (or bound) and ready to receive once this returns.
     *
     * @param argument the session's {@link TransportSession#childArgument()}
     * @param name the child's name in the pair, unique per session
     * @param peer the name of the side the child talks to
     */
    Link childLink(String argument, String name, String peer, int size) throws Exception;
}
