package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * JSONFile survives writers killed with SIGKILL at random points of their writes: the store stays
 * valid and every acknowledged message arrives, once (docs/protocols/file-stores.md, "Crash safety").
 * Bounded: at most 100 kills or 60 s of killing, whichever comes first.
 */
class JsonFileCrashTest {
    private static final int MAX_KILLS = 100;
    private static final long KILLING_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void killedWritersNeitherDestroyTheStoreNorLoseAcknowledgedMail() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("JSONFile").serializer("JSON").guard(false));
        Path file = Path.of(store.route());
        Map<String, Integer> acked = new HashMap<>();
        int kills = 0;
        int damagedAfterKill = 0;
        try (Client rx = store.connect("rx")) {
            long end = System.nanoTime() + KILLING_NANOS;
            while (kills < MAX_KILLS && System.nanoTime() < end) {
                String writer = "w" + kills;
                acked.put(writer, runAndKill(store.info(), writer, random.nextInt(400)));
                kills++;
                if (!isWholeJson(file)) {
                    damagedAfterKill++;
                }
            }
            List<Message> got = new ArrayList<>();
            List<Message> batch;
            while (!(batch = rx.awaitMessages(Duration.ofSeconds(5))).isEmpty()) {
                got.addAll(batch);
            }
            assertThat(isWholeJson(file)).as("the store file is valid JSON (seed %d)", seed).isTrue();
            Map<String, List<Integer>> byWriter = new HashMap<>();
            got.forEach(m -> byWriter.computeIfAbsent(m.from(), k -> new ArrayList<>()).add(m.content().get("n").asInt()));
            for (Map.Entry<String, Integer> e : acked.entrySet()) {
                List<Integer> ns = byWriter.getOrDefault(e.getKey(), List.of());
                int last = e.getValue();
                assertThat(ns.size()).as("writer %s: acknowledged 0..%d, got %s (seed %d)", e.getKey(), last, ns, seed)
                        .isBetween(last + 1, last + 2);
                for (int i = 0; i < ns.size(); i++) {
                    assertThat(ns.get(i)).as("writer %s message %d in order, once (seed %d)", e.getKey(), i, seed).isEqualTo(i);
                }
            }
            System.out.printf("JSONFile kill loop: %d kills, %d left the file damaged, %d messages (seed %d)%n",
                    kills, damagedAfterKill, got.size(), seed);
        } finally {
            store.unspawn();
        }
        assertThat(Files.exists(file)).isFalse();
        assertThat(kills).isPositive();
    }

    /** Starts a writer, lets it write for {@code millis} after it is ready, kills it; returns its last acknowledged n. */
    private static int runAndKill(String info, String writer, int millis) throws Exception {
        Process p = ChildJvm.of(CrashWriter.class).args(info, writer, "rx").jvmOption("-Xshare:auto")
                .jvmOption("-XX:TieredStopAtLevel=1").start();
        AtomicInteger last = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        last.set(Integer.parseInt(line.substring(4)));
                    }
                }
            } catch (java.io.IOException e) {
                // The child was killed: what was read so far is what was acknowledged.
            }
        });
        reader.start();
        try {
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (last.get() < 0 && p.isAlive() && System.nanoTime() < readyBy) {
                Thread.onSpinWait();
                Thread.sleep(1);
            }
            assertThat(p.isAlive()).as("writer %s is running", writer).isTrue();
            Thread.sleep(millis);
        } finally {
            FsChildren.kill(p);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(reader.isAlive()).as("the output of killed writer %s ended", writer).isFalse();
        return last.get();
    }

    private static boolean isWholeJson(Path file) {
        try {
            return Json.decode(Files.readAllBytes(file)).isObject();
        } catch (Exception e) {
            return false;
        }
    }
}
