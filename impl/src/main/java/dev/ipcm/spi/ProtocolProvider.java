package dev.ipcm.spi;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A plugin that contributes protocols known only at run time, such as those a driver process
 * announces (the {@code ipcm-driver} module). Implementations are found with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.ipcm.spi.ProtocolProvider}) and asked once, when
 * {@link Protocols#all()} is first called; a protocol whose name a plain {@link Protocol} plugin
 * already has is ignored.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ProtocolProvider {
    /** The protocols to add; empty when there is nothing to add here. Must not throw. */
    List<Protocol> protocols();
}
