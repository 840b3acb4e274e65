package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A service on a store whose clients declare {@link Capability#INTERRUPTIBLE_WAIT} (UnixSocket
 * wakes a selector, AtomicPipe an eventfd polled beside its FIFO) waits for messages on its loop
 * thread, in the client, and everything else ends that wait by waking the client. Cycle and
 * interval are ten minutes here, so only a wake-up can end a wait within the test's deadline.
 */
class InterruptibleWaitServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration LONG = Duration.ofMinutes(10);
    private Store store;

    private void spawn(String protocol) {
        store = Ipcm.spawn(SpawnOptions.defaults().protocol(protocol).peerTimeout(WAIT));
        assertThat(store.capabilities().has(Capability.INTERRUPTIBLE_WAIT)).isTrue();
    }

    @AfterEach
    void destroy() {
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UnixSocket", "AtomicPipe"})
    void terminateFromAnotherThreadWakesALoopWaitingInItsClient(String protocol) throws Exception {
        spawn(protocol);
        Service s = Service.builder("sleeper", store.info()).cycle(LONG).interval(LONG)
                .handleRequest((svc, r) -> "ok").onUnhandled((svc, a) -> { }).build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        try (Client driver = store.connect("driver")) {
            Await.until("the service to register", WAIT, () -> driver.peerActive("sleeper"));
            Await.until("the loop to run", WAIT, s.context()::isRunning);
            assertThat(Thread.getAllStackTraces().keySet()).as("threads while the loop waits in its client")
                    .noneMatch(t -> t.getName().startsWith("ipcm-service-inbox-sleeper"));
            // A message first, so the loop is past its first pass and back in a long wait.
            driver.send("sleeper", "hello");
            s.context().terminate(7);
            assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(7);
        }
        s.context().disconnect();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UnixSocket", "AtomicPipe"})
    void requestsAreAnsweredByALoopWaitingInItsClient(String protocol) throws Exception {
        spawn(protocol);
        Service s = Service.builder("answerer", store.info()).cycle(LONG).interval(LONG)
                .handleRequest((svc, r) -> "got " + r.value().asText()).build();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(s::run);
        try (ServiceHandle handle = ServiceHandle.builder("answerer", store.info()).name("asker").build()) {
            assertThat(handle.ready(WAIT)).isTrue();
            for (int i = 0; i < 20; i++) {
                assertThat(handle.awaitResponse(handle.sendRequest("answerer", "n" + i), WAIT).value().asText())
                        .isEqualTo("got n" + i);
            }
        }
        s.context().terminate();
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        s.context().disconnect();
    }
}
