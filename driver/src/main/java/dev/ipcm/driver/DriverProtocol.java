package dev.ipcm.driver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.NativeServices;
import dev.ipcm.spi.ConnectRequest;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.SpawnRequest;
import dev.ipcm.spi.Spawned;
import java.util.Optional;

/**
 * One protocol a driver announced, as an ordinary {@link Protocol}: stores are spawned and
 * clients connected inside the driver process, and every client operation is a request to it.
 */
final class DriverProtocol implements Protocol {
    private final DriverProcess process;
    private final String name;
    private final String driverName;
    private final String referenceName;
    private final Capabilities capabilities;
    private final Availability availability;

    DriverProtocol(DriverProcess process, String name, String driverName, String referenceName,
            Capabilities capabilities, Availability availability) {
        this.process = process;
        this.name = name;
        this.driverName = driverName;
        this.referenceName = referenceName;
        this.capabilities = capabilities;
        this.availability = availability;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String referenceName() {
        return referenceName;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    /** The implementation's services, through the driver; a driver without them answers their operations {@code not_supported}. */
    @Override
    public Optional<NativeServices> nativeServices() {
        return Optional.of(new DriverServices(process, this));
    }

    @Override
    public Spawned spawn(SpawnRequest request) {
        ObjectNode args = args();
        args.set("serializer", request.serializer().infoSpec());
        ObjectNode params = args.putObject("params");
        request.params().forEach(params::put);
        return new Spawned(process.call("spawn", args).path("route").asText(), null);
    }

    @Override
    public void unspawn(String route, AutoCloseable stash) {
        process.call("unspawn", args().put("route", route));
    }

    @Override
    public boolean storeExists(String route) {
        return process.call("store_exists", args().put("route", route)).asBoolean();
    }

    @Override
    public Client connect(ConnectRequest request) {
        return DriverClient.connect(process, this, request);
    }

    /** The arguments every store operation carries: the protocol's name in the driver. */
    ObjectNode args() {
        return Json.mapper().createObjectNode().put("protocol", driverName);
    }

    @Override
    public String toString() {
        return name + " (driver '" + process.command() + "')";
    }
}
