package dev.ipcm.protocol.db.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.apiguardian.api.API;
import org.newsclub.net.unix.AFUNIXSocketFactory;

/**
 * junixsocket's Unix sockets for the PostgreSQL listening connection of a Unix-socket route (a
 * temporary server, or a {@code host=/dir} route), with the prompt one-millisecond read of
 * {@link PromptPeekSocketFactory}. It matters more here: junixsocket waits with the socket's
 * receive timeout, which the kernel rounds up to a scheduler tick, so each of pgjdbc's 1 ms looks
 * took 4 ms or more and a round trip on a temporary server measured 16 ms.
 *
 * <p>Public only because pgjdbc instantiates its {@code socketFactory} property by class name,
 * passing {@code socketFactoryArg} (the socket file) to the constructor.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PromptPeekUnixSocketFactory extends SocketFactory {
    private final AFUNIXSocketFactory unix;

    /**
     * Called by pgjdbc through reflection.
     *
     * @param socketFile the server's socket file, e.g. {@code /run/postgresql/.s.PGSQL.5432}
     */
    public PromptPeekUnixSocketFactory(String socketFile) {
        this.unix = new AFUNIXSocketFactory.FactoryArg(socketFile);
    }

    @Override
    public Socket createSocket() throws IOException {
        return new PromptPeekSocket(unix.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new PromptPeekSocket(unix.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new PromptPeekSocket(unix.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new PromptPeekSocket(unix.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return new PromptPeekSocket(unix.createSocket(address, port, localAddress, localPort));
    }
}
