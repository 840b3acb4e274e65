package com.example.ipcm.broken;

import com.example.ipcm.DirectoryStoreProtocol;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.engine.fixtures.ForwardingClient;
import dev.ipcm.engine.fixtures.ForwardingProtocol;
import dev.ipcm.spi.ConnectRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** DirectoryStore, except that a receiver once gets two consecutive messages from one sender swapped. */
public final class ReordersTwoMessages extends ForwardingProtocol {
    public ReordersTwoMessages() {
        super(new DirectoryStoreProtocol());
    }

    @Override
    protected Client wrap(Client client, ConnectRequest request) {
        return new ForwardingClient(client) {
            private boolean done;

            @Override
            public List<Message> receive() {
                return swapOnce(delegate.receive());
            }

            @Override
            public List<Message> awaitMessages(Duration timeout) {
                return swapOnce(delegate.awaitMessages(timeout));
            }

            private List<Message> swapOnce(List<Message> batch) {
                if (done) {
                    return batch;
                }
                List<Message> out = new ArrayList<>(batch);
                for (int i = 0; i + 1 < out.size(); i++) {
                    if (out.get(i).from().equals(out.get(i + 1).from())) {
                        Collections.swap(out, i, i + 1);
                        done = true;
                        break;
                    }
                }
                return out;
            }
        };
    }
}
