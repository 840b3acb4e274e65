package dev.ipcm.driver;

import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.ProtocolProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Adds the protocols of the driver configured with {@code ipcm.driver} (or {@code IPCM_DRIVER}):
 * the driver is started once per JVM and command, and every protocol its {@code hello} announces
 * becomes a {@link Protocol} named {@code <driver name>:<protocol>}, such as
 * {@code perl:MessageFiles}. Without a configured driver it adds nothing.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DriverProtocolProvider implements ProtocolProvider {
    // ServiceLoader may instantiate the provider once per class loader; one driver per command.
    private static final Map<String, List<Protocol>> STARTED = new ConcurrentHashMap<>();

    /** Used by {@link java.util.ServiceLoader}. */
    public DriverProtocolProvider() {}

    @Override
    public List<Protocol> protocols() {
        return DriverSettings.command().map(DriverProtocolProvider::protocolsOf).orElse(List.of());
    }

    /**
     * The protocols of the driver started with {@code command} (started now if this JVM has not
     * yet); a driver that cannot be started or does not say hello is one unavailable protocol
     * named {@code driver} whose reason says why.
     */
    public static List<Protocol> protocolsOf(String command) {
        return STARTED.computeIfAbsent(command, DriverProtocolProvider::start);
    }

    /** Makes {@code command} the driver whose protocols {@link dev.ipcm.spi.Protocols} lists from now on. */
    public static void configure(String command) {
        System.setProperty(DriverSettings.PROPERTY, command);
    }

    private static List<Protocol> start(String command) {
        try {
            return DriverHello.protocolsOf(DriverProcess.start(command));
        } catch (RuntimeException e) {
            return List.of(new UnusableDriver(command, e.getMessage()));
        }
    }
}
