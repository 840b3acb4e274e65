/**
 * The two AF_UNIX protocols on the directory base. UnixSocket: every client binds a datagram
 * socket, one datagram per message (junixsocket, as the JDK has no AF_UNIX datagrams); the
 * client's inbox reads ahead on a thread of its own. ConnectionUnix: stream connections per peer
 * with length-prefixed frames, cached whichever side opened them, and public connection
 * management through {@link dev.ipcm.protocol.socket.ConnectionClient}.
 *
 * <p>Framing, limits and the decisions where we differ from the reference:
 * docs/protocols/kernel-transports.md.
 */
package dev.ipcm.protocol.socket;
