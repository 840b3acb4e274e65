package dev.ipcm.junit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.junit.IpcmExtension;
import dev.ipcm.junit.IpcmProtocol;
import dev.ipcm.spi.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// One protocol for the whole class: this annotation, else ipcm.protocol, else LocalMemory.
@ExtendWith(IpcmExtension.class)
@IpcmProtocol("LocalMemory")
class PlainExtensionExampleTest {
    @Test
    void seesItsPeers(Store store, Client me, Client you, Capabilities capabilities) {
        assertThat(Stores.protocol(store).name()).isEqualTo("LocalMemory");
        assertThat(me.peers()).containsExactly(you.name());
        assertThat(capabilities.maxMessageBytes()).isPositive();
    }
}
