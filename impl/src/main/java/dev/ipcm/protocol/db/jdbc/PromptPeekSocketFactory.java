package dev.ipcm.protocol.db.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.apiguardian.api.API;

/**
 * TCP sockets for the PostgreSQL listening connection whose one-millisecond reads answer at once
 * ({@link PromptPeekUnixSocketFactory} is the same over a server's Unix socket).
 * After every notification, and on every call, pgjdbc's {@code getNotifications} asks whether
 * more messages are pending by reading with a socket timeout of 1 ms
 * ({@code PGStream.hasMessagePending}, 42.7.x), and nothing is pending after a notification, so
 * each wake-up waited out that millisecond (1.1 ms measured) before the receiver could read its
 * inbox. These sockets answer such a read from the count of bytes already readable: nothing
 * there is a timeout at once, exactly what the 1 ms read would have ended in. Every other read,
 * with any other timeout, is the plain socket's.
 *
 * <p>Public only because pgjdbc instantiates its {@code socketFactory} property by class name.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PromptPeekSocketFactory extends SocketFactory {
    /** Called by pgjdbc through reflection. */
    public PromptPeekSocketFactory() {
        // Nothing to configure.
    }

    @Override
    public Socket createSocket() {
        return new PromptPeekSocket(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress to) throws IOException {
        Socket s = new PromptPeekSocket(new Socket());
        s.connect(to);
        return s;
    }

    private static Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
        Socket s = new PromptPeekSocket(new Socket());
        s.bind(from);
        s.connect(to);
        return s;
    }
}
