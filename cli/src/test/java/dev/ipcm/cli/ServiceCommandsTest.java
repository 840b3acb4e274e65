package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.service.AbstractService;
import dev.ipcm.service.Service;
import dev.ipcm.service.ServiceFactory;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.service.ServiceOptions;
import dev.ipcm.service.Services;
import dev.ipcm.service.ServiceParams;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ipcm echo} and {@code ipcm request}: in this JVM on LocalMemory, and as separate processes on MessageFiles. */
class ServiceCommandsTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void echoAnswersRequestsUntilTheStoreShutsDown() throws Exception {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT));
        CompletableFuture<Cli.Result> echo = CompletableFuture.supplyAsync(
                () -> Cli.inProcess().run("echo", store.info(), "--name", "echo"));
        try (Client probe = store.connect("probe")) {
            assertThat(probe.awaitPeerActive("echo", WAIT)).isTrue();
        }
        Cli.Result r = Cli.inProcess().run("request", store.info(), "--service", "echo", "--timeout", "30", "\"hello\"");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("\"echo: hello\"\n");
        Cli.Result obj = Cli.inProcess().run("request", store.info(), "--service", "echo", "{\"n\":1}");
        assertThat(obj.line()).isEqualTo("\"echo: {\\\"n\\\":1}\"");
        store.close();
        Cli.Result end = echo.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(end.code()).as(end.toString()).isZero();
    }

    /** Fails every request with a detailed error. */
    public static class FailingFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> {
                throw new IllegalStateException("no can do");
            }).build();
        }
    }

    @Test
    void requestExitCodesSeparateTimeoutsErrorsAndMissingServices() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT));
                Client silent = store.connect("silent");
                ServiceHandle failing = Services.start(ServiceOptions.named("failing").factory(FailingFactory.class)
                        .inThread().exposeErrorDetails(true).ipcmInfo(store.info()).timeout(WAIT))) {
            Cli.Result timeout = Cli.inProcess().run("request", store.info(), "--service", "silent", "--timeout", "0.3", "1");
            assertThat(timeout.code()).as(timeout.toString()).isEqualTo(3);
            assertThat(timeout.out()).isEmpty();
            assertThat(timeout.err()).isEqualTo("ipcm request: timed out after 0.3s waiting for a response from 'silent'\n");

            Cli.Result error = Cli.inProcess().run("request", store.info(), "--service", "failing", "--timeout", "30", "1");
            assertThat(error.code()).as(error.toString()).isEqualTo(4);
            assertThat(error.out()).isEmpty();
            assertThat(error.err()).isEqualTo("ipcm request: service 'failing' answered with an error: no can do\n");

            Cli.Result missing = Cli.inProcess().run("request", store.info(), "--service", "nobody", "--timeout", "0.3", "1");
            assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
            assertThat(missing.err()).isEqualTo("ipcm request: There is no service 'nobody' on this store: it did not appear "
                    + "within 0.3s; start it first (e.g. 'ipcm echo INFO --name nobody &'), or give it longer with --timeout SECONDS\n");

            Cli.Result badJson = Cli.inProcess().run("request", store.info(), "--service", "silent", "{nope");
            assertThat(badJson.code()).isEqualTo(2);
            assertThat(silent.receive()).as("the timed-out request reached 'silent'").hasSize(1);
        }
    }

    @Test
    void echoAndRequestAsSeparateProcesses() throws Exception {
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles").peerTimeout(WAIT));
        try {
            CliProcess echo = CliProcess.start("echo", store.info(), "--name", "echo");
            try (Client probe = store.connect("probe")) {
                assertThat(probe.awaitPeerActive("echo", WAIT)).isTrue();
            }
            Cli.Result r = CliProcess.run("request", store.info(), "--service", "echo", "--timeout", "60", "\"from afar\"");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("\"echo: from afar\"\n");
            store.close();
            Cli.Result end = echo.await();
            assertThat(end.code()).as(end.toString()).isZero();
        } finally {
            store.unspawn();
        }
    }
}
