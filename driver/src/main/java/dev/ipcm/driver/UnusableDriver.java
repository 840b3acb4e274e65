package dev.ipcm.driver;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.IpcmException;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;

/**
 * Stands in, under the name {@code driver}, for a configured driver that could not be started or
 * did not say hello, so the reason shows wherever protocols are listed or certified.
 */
final class UnusableDriver implements Protocol {
    private final String command;
    private final String reason;

    UnusableDriver(String command, String reason) {
        this.command = command;
        this.reason = reason;
    }

    @Override
    public String name() {
        return "driver";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of();
    }

    @Override
    public Availability availability() {
        return Availability.unavailable("the driver '" + command + "' is unusable: " + reason,
                "fix the command given with --driver, ipcm.driver or IPCM_DRIVER (docs/driver-protocol.md)");
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        throw unusable();
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        throw unusable();
    }

    @Override
    public boolean storeExists(String route) {
        return false;
    }

    @Override
    public Client connect(ConnectRequest request) {
        throw unusable();
    }

    private IpcmException unusable() {
        return new IpcmException(availability().reason());
    }
}
