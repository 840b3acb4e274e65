package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.BroadcastResult;
import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.CorruptMessageException;
import dev.ipcm.Message;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.SendOutcome;
import dev.ipcm.Stats;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.OpenClients;
import dev.ipcm.spi.ConnectRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client living in the driver process, named there by a handle this side chooses. Every
 * operation is one request; waits with a deadline are repeated requests whose own wait is at most
 * {@link DriverWaits#SLICE}, because a driver answers one request at a time and other threads'
 * requests must not queue behind a long wait.
 */
final class DriverClient implements Client {
    private static final AtomicLong HANDLES = new AtomicLong();

    private final DriverProcess process;
    private final DriverProtocol protocol;
    private final String handle;
    private final ConnectRequest request;
    private final long pid;
    private final PeerChanges peerChanges;
    private volatile boolean disconnected;

    private DriverClient(DriverProcess process, DriverProtocol protocol, String handle, ConnectRequest request,
            long pid) {
        this.process = process;
        this.protocol = protocol;
        this.handle = handle;
        this.request = request;
        this.pid = pid;
        this.peerChanges = new PeerChanges(this::peers);
    }

    static DriverClient connect(DriverProcess process, DriverProtocol protocol, ConnectRequest request) {
        String handle = "c" + HANDLES.incrementAndGet();
        ObjectNode args = protocol.args().put("client", handle).put("name", request.name())
                .put("info", request.info().toString()).put("reconnect", request.reconnect());
        JsonNode answer = process.call("connect", args);
        DriverClient client = new DriverClient(process, protocol, handle, request, answer.path("pid").asLong());
        OpenClients.register(client);
        client.peerChanges.startFrom(client.peers());
        return client;
    }

    private JsonNode call(String op) {
        return call(op, args());
    }

    private JsonNode call(String op, ObjectNode args) {
        return process.call(op, args);
    }

    private ObjectNode args() {
        return Json.mapper().createObjectNode().put("client", handle);
    }

    @Override
    public String name() {
        return request.name();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ConnectionInfo info() {
        return request.info();
    }

    @Override
    public Capabilities capabilities() {
        return protocol.capabilities();
    }

    @Override
    public Message send(String peer, Object content) {
        ObjectNode args = args().put("to", peer);
        args.set("content", Json.toTree(content));
        return Message.fromJson(call("send", args));
    }

    @Override
    public Message send(Message message) {
        ObjectNode args = args();
        args.set("message", message.toJson());
        return Message.fromJson(call("send_message", args));
    }

    @Override
    public SendOutcome trySend(String peer, Object content) {
        ObjectNode args = args().put("to", peer);
        args.set("content", Json.toTree(content));
        return call("try_send", args).path("queued").asBoolean() ? SendOutcome.QUEUED : SendOutcome.DELIVERED;
    }

    @Override
    public Map<String, BroadcastResult> broadcast(Object content) {
        ObjectNode args = args();
        args.set("content", Json.toTree(content));
        return DriverWire.broadcast(call("broadcast", args));
    }

    @Override
    public int drainPending() {
        return call("drain_pending").asInt();
    }

    @Override
    public int pendingSends() {
        return call("pending_sends").asInt();
    }

    @Override
    public int pendingSendsTo(String peer) {
        return call("pending_sends", args().put("peer", peer)).asInt();
    }

    @Override
    public boolean isSendBlocking() {
        return call("send_blocking").asBoolean();
    }

    @Override
    public void setSendBlocking(boolean blocking) {
        call("set_send_blocking", args().put("blocking", blocking));
    }

    @Override
    public List<Message> receive() {
        return DriverWire.messages(call("receive"));
    }

    @Override
    public List<Message> awaitMessages(Duration timeout) {
        return DriverWaits.until(timeout, wait -> DriverWire.messages(call("receive", args().put("wait", wait))),
                got -> !got.isEmpty());
    }

    @Override
    public boolean hasReadyMessages() {
        return call("ready").asBoolean();
    }

    @Override
    public boolean hasPendingMessages() {
        return call("pending").asBoolean();
    }

    @Override
    public void requeue(List<Message> messages) {
        ObjectNode args = args();
        args.set("messages", DriverWire.toJson(messages));
        call("requeue", args);
    }

    /** A driver reports messages it could not decode on its stderr; none reach this side. */
    @Override
    public List<CorruptMessageException> takeCorruptMessages() {
        return List.of();
    }

    @Override
    public List<String> peers() {
        return DriverWire.names(call("peers"));
    }

    @Override
    public boolean peerExists(String peer) {
        return call("peer_exists", args().put("peer", peer)).asBoolean();
    }

    @Override
    public OptionalLong peerPid(String peer) {
        JsonNode pid = call("peer_pid", args().put("peer", peer));
        return pid.isNumber() && pid.asLong() > 0 ? OptionalLong.of(pid.asLong()) : OptionalLong.empty();
    }

    @Override
    public boolean peerActive(String peer) {
        return call("peer_active", args().put("peer", peer)).asBoolean();
    }

    @Override
    public boolean awaitPeerActive(String peer, Duration timeout) {
        return DriverWaits.until(timeout, wait -> call("peer_active", args().put("peer", peer).put("wait", wait))
                .asBoolean(), active -> active);
    }

    @Override
    public Optional<BigDecimal> peerSuspendExpires(String peer) {
        return DriverWire.decimal(call("peer_suspend_expires", args().put("peer", peer)));
    }

    @Override
    public int peerLeft() {
        return call("peer_left").asInt();
    }

    @Override
    public Map<String, Integer> awaitPeerChange(Duration timeout) {
        return peerChanges.await(timeout);
    }

    @Override
    public void suspend() {
        call("suspend");
        left();
    }

    @Override
    public void suspend(Instant expiresAt) {
        BigDecimal seconds = BigDecimal.valueOf(expiresAt.getEpochSecond())
                .add(BigDecimal.valueOf(expiresAt.getNano(), 9));
        call("suspend", args().put("expires_at", seconds));
        left();
    }

    @Override
    public void disconnect(Consumer<List<Message>> handler) {
        if (disconnected) {
            return;
        }
        try {
            List<Message> handed = DriverWire.messages(call("disconnect", args().put("handler", handler != null)));
            if (handler != null && !handed.isEmpty()) {
                handler.accept(handed);
            }
        } catch (MessagesWaitingException e) {
            left();
            throw e;
        }
        left();
    }

    private void left() {
        disconnected = true;
        OpenClients.left(this);
    }

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public Stats stats() {
        return Stats.fromJson(call("stats"));
    }

    @Override
    public Map<String, Stats> allStats() {
        return DriverWire.allStats(call("all_stats"));
    }

    @Override
    public void writeStats() {
        call("write_stats");
    }

    @Override
    public String toString() {
        return "DriverClient[" + name() + " as " + handle + " on " + protocol.name() + "]";
    }
}
