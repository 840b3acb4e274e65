package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.serial.JsonSerializer;
import dev.ipcm.serial.ZstdJsonSerializer;
import dev.ipcm.spi.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Process-wide spawn defaults: {@code Ipcm.setDefault*}, the {@code ipcm.default.*} properties, and their order. */
class SpawnDefaultsTest {
    @AfterEach
    void reset() {
        Ipcm.setDefaultProtocol(null);
        Ipcm.setDefaultProtocolList(null);
        Ipcm.setDefaultSerializer(null);
        System.clearProperty("ipcm.default.protocol");
        System.clearProperty("ipcm.default.protocols");
        System.clearProperty("ipcm.default.serializer");
    }

    @Test
    void aDefaultProtocolIsUsedWhenTheOptionsNameNone() {
        Ipcm.setDefaultProtocol("IPC::Manager::Client::LocalMemory");
        assertThat(Ipcm.defaultProtocol()).hasValue("IPC::Manager::Client::LocalMemory");
        try (Store store = Ipcm.spawn()) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).isEqualTo("IPC::Manager::Client::LocalMemory");
        }
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("MessageFiles"))) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).endsWith("MessageFiles");
        }
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocols(List.of("MessageFiles")))) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).endsWith("MessageFiles");
        }
    }

    @Test
    void aDefaultListIsTriedInOrder() {
        Ipcm.setDefaultProtocolList(List.of("NoSuchProtocol", "LocalMemory", "MessageFiles"));
        assertThat(Ipcm.defaultProtocolList()).containsExactly("NoSuchProtocol", "LocalMemory", "MessageFiles");
        try (Store store = Ipcm.spawn()) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).endsWith("LocalMemory");
        }
        Ipcm.setDefaultProtocolList(null);
        assertThat(Ipcm.defaultProtocolList()).startsWith("AtomicPipe", "UnixSocket");
    }

    @Test
    void aDefaultSerializerIsUsedAndCheckedWhenSet() {
        assertThat(Ipcm.defaultSerializer()).isEqualTo(JsonSerializer.REFERENCE_NAME);
        Ipcm.setDefaultSerializer("[\"JSON::Zstd\",\"level\",5]");
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            assertThat(Stores.serializer(store)).isInstanceOf(ZstdJsonSerializer.class);
            assertThat(((ZstdJsonSerializer) Stores.serializer(store)).level()).isEqualTo(5);
        }
        assertThatThrownBy(() -> Ipcm.setDefaultSerializer("YAML")).isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Unknown serializer 'YAML'");
        assertThatThrownBy(() -> Ipcm.setDefaultProtocol("Carrier")).isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Unknown protocol 'Carrier'");
        assertThat(Ipcm.defaultSerializer()).isEqualTo("[\"JSON::Zstd\",\"level\",5]");
        assertThat(Ipcm.defaultProtocol()).isEmpty();
    }

    @Test
    void systemPropertiesApplyUnlessSetInCode() {
        System.setProperty("ipcm.default.protocol", "LocalMemory");
        System.setProperty("ipcm.default.protocols", " LocalMemory , MessageFiles ");
        System.setProperty("ipcm.default.serializer", "JSON::Zstd");
        assertThat(Ipcm.defaultProtocolList()).containsExactly("LocalMemory", "MessageFiles");
        try (Store store = Ipcm.spawn()) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).endsWith("LocalMemory");
            assertThat(Stores.serializer(store)).isInstanceOf(ZstdJsonSerializer.class);
        }
        Ipcm.setDefaultProtocol("MessageFiles");
        Ipcm.setDefaultSerializer("JSON");
        try (Store store = Ipcm.spawn()) {
            assertThat(ConnectionInfo.parse(store.info()).protocol()).endsWith("MessageFiles");
            assertThat(Stores.serializer(store)).isSameAs(JsonSerializer.INSTANCE);
        }
    }

    /** Spawns on four threads while a fifth flips the default: each store has one whole value or the other. */
    @Test
    void concurrentSpawnsSeeOneValueOrTheOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Future<?> flipper = pool.submit(() -> {
                for (int i = 0; !stop.get() && i < 100_000; i++) {
                    Ipcm.setDefaultSerializer(i % 2 == 0 ? "[\"JSON::Zstd\",\"level\",7]" : "JSON");
                }
            });
            List<Future<List<String>>> spawners = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                spawners.add(pool.submit(() -> {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
                            seen.add(Stores.serializer(store).infoSpec().toString());
                        }
                    }
                    return seen;
                }));
            }
            for (Future<List<String>> f : spawners) {
                assertThat(f.get(60, TimeUnit.SECONDS)).allMatch(spec ->
                        spec.equals("\"IPC::Manager::Serializer::JSON\"")
                                || spec.equals("[\"IPC::Manager::Serializer::JSON::Zstd\",\"level\",7]"), "one whole value");
            }
            stop.set(true);
            flipper.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
