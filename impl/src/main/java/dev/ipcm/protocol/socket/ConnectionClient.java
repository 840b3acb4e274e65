package dev.ipcm.protocol.socket;

import dev.ipcm.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A client whose messages travel over per-peer connections (protocols with the
 * {@link dev.ipcm.Capability#CONNECTIONS} capability, i.e. ConnectionUnix): the connection
 * cache can be inspected and trimmed, and a client may connect without listening.
 *
 * <p>Nothing here runs in the background: connections are opened by sends and accepted by
 * receives, and idle ones are closed only when the caller asks.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ConnectionClient extends Client {
    /** Whether this client accepts connections (it connected without {@code listen=false}). */
    boolean isListening();

    /** Whether a connection to or from {@code peer} is cached. */
    boolean hasConnection(String peer);

    /** The peers with a cached connection, sorted. */
    List<String> connections();

    /**
     * Closes and forgets the connection with {@code peer}; bytes not yet written on it are lost.
     *
     * @return whether there was one
     */
    boolean disconnectConnection(String peer);

    /** When a message last went over the connection with {@code peer} (either way); empty without one. */
    Optional<Instant> lastActivity(String peer);

    /**
     * Closes every connection idle for at least {@code maxIdle} ({@link Duration#ZERO} closes all);
     * bytes not yet written on them are lost.
     *
     * @return how many were closed
     */
    int closeIdleConnections(Duration maxIdle);

    /** Whether {@code peer} is registered and accepts connections. */
    boolean peerIsListener(String peer);

    /** The peers that accept connections, sorted. */
    List<String> listeningPeers();
}
