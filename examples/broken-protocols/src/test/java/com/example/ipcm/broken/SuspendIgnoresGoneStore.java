package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.StoreGoneException;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.time.Instant;

/** DirectoryStore, except that a suspend on a destroyed store returns quietly (as JSONFile's did without a deadline). */
public final class SuspendIgnoresGoneStore extends ForwardingProtocol {
    public SuspendIgnoresGoneStore() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            @Override
            public void suspend() {
                try {
                    delegate.suspend();
                } catch (StoreGoneException e) {
                    // broken on purpose: the mailbox the caller counts on is gone, and nobody says so
                }
            }

            @Override
            public void suspend(Instant expiresAt) {
                try {
                    delegate.suspend(expiresAt);
                } catch (StoreGoneException e) {
                    // broken on purpose, as above
                }
            }
        };
    }
}
