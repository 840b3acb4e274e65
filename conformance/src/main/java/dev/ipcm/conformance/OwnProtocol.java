package dev.ipcm.conformance;

import dev.ipcm.Capability;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Store;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import dev.ipcm.spi.Stores;
import org.junit.jupiter.api.Assumptions;

/**
 * ipcm's own protocol of a store's reference name: the one a client connected by the store's
 * info string uses, and through which ipcm's services join the store.
 */
final class OwnProtocol {
    private OwnProtocol() {}

    /**
     * ipcm's protocol for the store; aborts the scenario when ipcm has none of that reference name,
     * or when it is the protocol under test itself (a mixed pair needs two implementations).
     */
    static Protocol ofOther(Store store) {
        Protocol underTest = Stores.protocol(store);
        Protocol own = of(store);
        Assumptions.assumeFalse(own.getClass() == underTest.getClass(), () -> underTest.name()
                + " is ipcm's own implementation of " + own.referenceName() + ": a mixed pair needs another one (a driver's)");
        return own;
    }

    /**
     * Aborts a scenario of ipcm's services where they cannot join the store: ipcm's services
     * connect by the store's info string, with ipcm's own protocol, and a store of another
     * implementation that lives in one process (a driver's LocalMemory) is joined by neither
     * that protocol nor another process.
     */
    static void assumeServicesCanJoin(Store store) {
        Protocol underTest = Stores.protocol(store);
        Protocol own = of(store);
        boolean joinable = own.getClass() == underTest.getClass() || underTest.capabilities().has(Capability.MIXED_PAIRS)
                || underTest.capabilities().has(Capability.CROSS_PROCESS);
        Assumptions.assumeTrue(joinable, () -> "ipcm's services join a store through ipcm's own " + own.name()
                + ", which cannot join a store of " + underTest.name()
                + " (it declares neither MIXED_PAIRS nor CROSS_PROCESS)");
    }

    private static Protocol of(Store store) {
        String reference = ConnectionInfo.parse(store.info()).protocol();
        try {
            return Protocols.byName(reference);
        } catch (UnknownProtocolException e) {
            return Assumptions.abort("ipcm has no protocol named " + reference + " to join a store of "
                    + Stores.protocol(store).name() + " with");
        }
    }
}
