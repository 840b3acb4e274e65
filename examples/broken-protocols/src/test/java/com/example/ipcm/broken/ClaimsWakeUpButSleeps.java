package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.util.stream.Stream;

/**
 * DirectoryStore, except that it declares {@link Capability#INTERRUPTIBLE_WAIT} and a wake-up
 * does nothing: a service loop, which waits in such a client itself, would not see a signal or a
 * termination request until its wait ran out.
 */
public final class ClaimsWakeUpButSleeps extends ForwardingProtocol {
    public ClaimsWakeUpButSleeps() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    public Capabilities capabilities() {
        return withInterruptibleWait(super.capabilities());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public Capabilities capabilities() {
                return withInterruptibleWait(delegate.capabilities());
            }

            @Override
            public boolean wakeUp() {
                return true;
            }
        };
    }

    private static Capabilities withInterruptibleWait(Capabilities declared) {
        return Capabilities.of(Stream.concat(declared.all().stream(), Stream.of(Capability.INTERRUPTIBLE_WAIT))
                        .toArray(Capability[]::new))
                .withMaxMessageBytes(declared.maxMessageBytes()).withMaxNameLength(declared.maxNameLength());
    }
}
