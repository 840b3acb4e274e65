package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JSONFile takes real flock(2) locks: a process holding one with flock(1), as Perl does, keeps our writers out. */
class JsonFileLockingTest {
    @Test
    void anExternalFlockHolderExcludesOurWriters() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/flock")), "flock(1) from util-linux is not installed");
        Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("JSONFile").serializer("JSON").guard(false));
        Path file = Path.of(store.route());
        try (Client alpha = store.connect("alpha"); Client beta = store.connect("beta")) {
            Process holder = new ProcessBuilder("/usr/bin/flock", "--exclusive", file.toString(), "sh", "-c", "echo LOCKED; read x")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                FsChildren.awaitLine(holder, "LOCKED", 30);
                CompletableFuture<Void> send = CompletableFuture.runAsync(() -> alpha.send("beta", "after unlock"));
                long inode = (Long) Files.getAttribute(file, "unix:ino");
                awaitBlockedFlock(inode);
                assertThat(send).isNotDone();
                assertThat(Files.readString(file)).doesNotContain("after unlock");
                holder.getOutputStream().close();
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
                send.get(30, TimeUnit.SECONDS);
                assertThat(Files.readString(file)).contains("after unlock");
                assertThat(beta.awaitMessages(Duration.ofSeconds(10))).hasSize(1);
            } finally {
                holder.destroyForcibly();
            }
        } finally {
            store.unspawn();
        }
    }

    /** Waits (at most 30 s) until /proc/locks lists a blocked flock request on the inode: our writer is waiting. */
    private static void awaitBlockedFlock(long inode) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(Path.of("/proc/locks"));
            for (String line : lines) {
                if (line.contains("->") && line.contains("FLOCK") && line.contains(":" + inode + " ")) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no writer blocked on the flock of inode " + inode + " within 30 s");
    }
}
