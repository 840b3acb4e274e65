package dev.ipcm.protocol.fs;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.protocol.directory.FileWatching;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.HashMap;
import java.util.Map;

/**
 * A file protocol whose clients always poll instead of waiting on inotify (the parameter
 * {@code inotify=0} on every connect), so the conformance suite and {@code ipcm certify} check
 * the polling path as its own column, as IPC::Manager's suite does with its NoInotify variants.
 * The store and its info string are the base protocol's, so any peer can connect to it.
 */
abstract class PollingFileProtocol implements Protocol {
    private final Protocol base;

    PollingFileProtocol(Protocol base) {
        this.base = base;
    }

    @Override
    public String name() {
        return base.name() + "-NoInotify";
    }

    @Override
    public String referenceName() {
        return base.referenceName();
    }

    /** The base's capabilities without the operating-system wake-ups: a poll is no such wake-up. */
    @Override
    public Capabilities capabilities() {
        Capabilities caps = base.capabilities();
        Capability[] kept = caps.all().stream()
                .filter(c -> c != Capability.MESSAGE_WAKEUP && c != Capability.PEER_CHANGE_WAKEUP).toArray(Capability[]::new);
        return Capabilities.of(kept).withMaxMessageBytes(caps.maxMessageBytes()).withMaxNameLength(caps.maxNameLength());
    }

    @Override
    public Availability availability() {
        return base.availability();
    }

    @Override
    public java.util.Optional<java.util.Set<String>> spawnParameters() {
        return base.spawnParameters();
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        return base.spawn(request);
    }

    @Override
    public void recordOwner(String route, AutoCloseable stash, java.util.Optional<dev.ipcm.spi.StoreOwner> owner) {
        base.recordOwner(route, stash, owner);
    }

    @Override
    public void sweepDeadOwners(SpawnRequest request) {
        base.sweepDeadOwners(request);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        base.unspawn(route, stash);
    }

    @Override
    public boolean storeExists(String route) {
        return base.storeExists(route);
    }

    @Override
    public Client connect(ConnectRequest request) {
        Map<String, String> params = new HashMap<>(request.params());
        params.put(FileWatching.PARAM, "0");
        return base.connect(new ConnectRequest(request.name(), request.info(), request.serializer(), request.reconnect(), params));
    }
}
