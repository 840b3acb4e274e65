package dev.ipcm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KernelRandomTest {
    @Test
    void fillsEveryByteAndNoTwoBlocksAreAlike() {
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        KernelRandom.fill(a);
        KernelRandom.fill(b);
        assertThat(a).isNotEqualTo(b);
        // 4096 uniform bytes: each of the 256 values appears ~16 times; a block left partly
        // unfilled would show a spike of zeros far above that.
        int zeros = 0;
        for (byte x : a) {
            zeros += x == 0 ? 1 : 0;
        }
        assertThat(zeros).isLessThan(64);
    }

    @Test
    void idsDrawnOnManyThreadsAtOnceAreUniqueVersion7Uuids() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        ids.add(MessageIds.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ids).hasSize(20_000);
        Set<Integer> versions = new HashSet<>();
        Set<Integer> variants = new HashSet<>();
        for (String id : ids) {
            UUID u = UUID.fromString(id);
            versions.add(u.version());
            variants.add(u.variant());
            assertThat(id).isUpperCase();
        }
        assertThat(versions).containsExactly(7);
        assertThat(variants).containsExactly(2);
    }
}
