package dev.ipcm.protocol.fs;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import org.junit.jupiter.api.Test;

class MessageFilesConcurrencyTest {
    @Test
    void fourSenderProcessesTimesTwoThousandMessagesArriveOnceAndInOrder() throws Exception {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").serializer("JSON").guard(false));
        try {
            ConcurrentSenders.run(store, 4, 2000, 240);
        } finally {
            store.unspawn();
        }
    }
}
