package dev.ipcm.protocol.db.server;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.List;

/** Spawns a store on a temporary server of protocol {@code args[0]}, sends itself one message, prints {@code OK <content>}. */
public final class PrivateTmpdirChild {
    private PrivateTmpdirChild() {}

    public static void main(String[] args) {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol(args[0]).param("server", "temporary"));
                Client me = store.connect("me")) {
            me.send("me", "hello");
            List<Message> got = me.awaitMessages(Duration.ofSeconds(30));
            System.out.println("OK " + got.get(0).content().asText());
        }
    }
}
