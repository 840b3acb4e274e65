package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.SpawnOptions;
import dev.ipcm.os.Os;
import java.io.Serializable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code ServiceOptions.factoryInChild}: a service written as a lambda runs in a child JVM when
 * the child can make the factory again, and is refused before launch, with how to write it,
 * when it cannot (docs/services.md, "Lambdas in a child JVM").
 */
class LambdaInChildTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    /** A named factory: made again in the child with its no-argument constructor. */
    public static class Shouting implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> r.text().toUpperCase() + " from " + s.pid()).build();
        }
    }

    private static ServiceOptions options(String name) {
        ServiceOptions o = ServiceOptions.named(name)
                .spawnOptions(SpawnOptions.defaults().protocol("MessageFiles").peerTimeout(WAIT)).timeout(WAIT);
        Bus.FAST_JVM.forEach(o::jvmOption);
        return o;
    }

    @Test
    void aSerializableLambdaRunsInAChildJvmWithWhatItCaptured() {
        String greeting = "hello, ";
        ServiceFactory f = (ServiceFactory & Serializable) p ->
                Service.builder(p).handleRequest((s, r) -> greeting + r.text() + " from " + s.pid()).build();
        try (ServiceHandle h = Services.start(options("lambda").factoryInChild(f))) {
            long child = h.childPid().orElseThrow();
            assertThat(child).isNotEqualTo(Os.get().pid());
            assertThat(h.request("world", WAIT).text()).isEqualTo("hello, world from " + child);
        }
    }

    @Test
    void aNamedFactoryObjectIsMadeAgainInTheChild() {
        try (ServiceHandle h = Services.start(options("named").factoryInChild(new Shouting()))) {
            long child = h.childPid().orElseThrow();
            assertThat(h.request("hi", WAIT).text()).isEqualTo("HI from " + child);
        }
    }

    /** Starts, per request, a worker JVM from a lambda that writes its pid and its name into a file. */
    public static class WorkerStarter implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> {
                String out = r.value().get("file").asText();
                if (r.value().path("plain").asBoolean()) {
                    WorkerTask plain = ctx -> 0;
                    try {
                        s.startWorker("plain", plain, null);
                        return "started";
                    } catch (ServiceConfigException e) {
                        return e.getMessage();
                    }
                }
                WorkerTask task = (WorkerTask & Serializable) ctx -> {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(out), ctx.name() + " " + Os.get().pid());
                    return 0;
                };
                return Long.toString(s.startWorker("writer", task, null));
            }).build();
        }
    }

    @Test
    void aSerializableWorkerLambdaRunsInAWorkerJvm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("worker.txt");
        try (ServiceHandle h = Services.start(options("workers").factory(WorkerStarter.class).inThread())) {
            String pid = h.request(java.util.Map.of("file", file.toString()), WAIT).text();
            assertThat(Long.parseLong(pid)).isNotEqualTo(Os.get().pid());
            assertThat(Await.file(file, WAIT)).isEqualTo("writer " + pid);
            assertThat(h.request(java.util.Map.of("file", file.toString(), "plain", true), WAIT).text())
                    .contains("Worker 'plain'").contains("(WorkerTask & Serializable) params -> ...");
        }
    }

    @Test
    void whatTheChildCannotMakeAgainIsRefusedBeforeLaunchWithHowToWriteIt() {
        ServiceFactory plainLambda = p -> new EchoService(p);
        assertThatThrownBy(() -> options("plain").factoryInChild(plainLambda)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("Service 'plain'").hasMessageContaining("a lambda that is not Serializable")
                .hasMessageContaining("(ServiceFactory & Serializable) params -> ...");
        ServiceFactory anonymous = new ServiceFactory() {
            @Override
            public AbstractService create(ServiceParams p) {
                return new EchoService(p);
            }
        };
        assertThatThrownBy(() -> options("anon").factoryInChild(anonymous)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("an anonymous or local class");
        Object notSerializable = new Object();
        ServiceFactory capturing = (ServiceFactory & Serializable) p -> {
            notSerializable.hashCode();
            return new EchoService(p);
        };
        assertThatThrownBy(() -> options("capturing").factoryInChild(capturing)).isInstanceOf(ServiceConfigException.class)
                .hasMessageContaining("cannot be serialized").hasMessageContaining("java.lang.Object");
    }
}
