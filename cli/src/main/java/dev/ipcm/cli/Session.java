package dev.ipcm.cli;

import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One command's client on a store: connected from an info string, and disconnected at the end
 * so peers see an orderly departure. Messages still waiting for the client then are reported
 * on standard error, because the client's mailbox goes with it.
 */
final class Session implements AutoCloseable {
    private final CliContext ctx;
    private final Client client;

    private Session(CliContext ctx, Client client) {
        this.ctx = ctx;
        this.client = client;
    }

    /**
     * Connects {@code name} to the store {@code info} describes.
     *
     * @throws dev.ipcm.IpcmException for a bad info string, an unknown protocol, a store that is
     *     gone or out of reach, or a name that is invalid or taken
     */
    static Session open(CliContext ctx, String info, String name, Map<String, String> params) {
        ConnectionInfo parsed = ConnectionInfo.parse(info);
        Protocol protocol = Protocols.byName(parsed.protocol());
        CrossProcess.requireForConnect(ctx, protocol, parsed);
        return new Session(ctx, Ipcm.connect(name, info, params));
    }

    /** Wraps a client connected some other way (e.g. to a store this command spawned). */
    static Session of(CliContext ctx, Client client) {
        return new Session(ctx, client);
    }

    Client client() {
        return client;
    }

    @Override
    public void close() {
        client.disconnect(this::reportDropped);
    }

    private void reportDropped(List<Message> dropped) {
        String ids = dropped.stream().map(m -> m.id() + " from " + m.from()).collect(Collectors.joining(", "));
        ctx.warn(dropped.size() + " message(s) for '" + client.name() + "' were not printed and are dropped as it leaves the store: "
                + ids);
    }
}
