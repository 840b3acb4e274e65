package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ServiceHandle.awaitReady()}: the reference's {@code ready(0)}, a wait with no deadline. */
class BlockingReadyTest {
    @Test
    void awaitReadyReturnsOnceTheServiceIsRegistered() throws Exception {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"));
                ServiceHandle handle = ServiceHandle.builder("svc", store.info()).build()) {
            assertThat(handle.ready()).isFalse();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    handle.awaitReady();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Client svc = store.connect("svc")) {
                waiting.get(30, TimeUnit.SECONDS);
                assertThat(handle.ready()).isTrue();
            }
        }
    }
}
