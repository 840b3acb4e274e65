package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.InvalidNameException;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.spi.ConnectRequest;

/** DirectoryStore, except that an invalid client name is quietly mangled into a valid one instead of refused. */
public final class AcceptsInvalidName extends ForwardingProtocol {
    public AcceptsInvalidName() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    public Client connect(ConnectRequest request) {
        try {
            ClientNames.validate(request.name(), capabilities().maxNameLength());
            return super.connect(request);
        } catch (InvalidNameException e) {
            String mangled = "x" + request.name().replaceAll("[^A-Za-z0-9_-]", "_");
            if (mangled.length() > 100) {
                mangled = mangled.substring(0, 100);
            }
            return super.connect(new ConnectRequest(mangled, request.info(), request.serializer(), request.reconnect(),
                    request.params()));
        }
    }
}
