package dev.ipcm.junit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.junit.IpcmTest;
import dev.ipcm.service.ServiceHandle;

class EchoExampleTest {
    // A running Echo service named "echo" on the test's store; stopped with the store.
    @IpcmTest({"LocalMemory", "MessageFiles"})
    void echoes(ServiceHandle echo) {
        assertThat(echo.syncRequest("echo", "ping").text()).isEqualTo("echo: ping");
    }
}
