package dev.ipcm.crash;

import dev.ipcm.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child JVM of the crash matrix and every line it printed, read on a thread of its own. */
final class ChildLines implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildLines(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "crash-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildLines start(Class<?> main, String... args) throws IOException {
        return new ChildLines(ChildJvm.of(main).args(args).jvmOption("-Xshare:auto").jvmOption("-XX:TieredStopAtLevel=1")
                .jvmOption("-XX:+UseSerialGC").start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child was killed: what was read is what it printed.
        }
    }

    /** Waits until some line satisfies {@code wanted}, the child exits or {@code seconds} pass; returns whether one did. */
    boolean await(Predicate<List<String>> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!wanted.test(lines)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return wanted.test(lines);
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** Kills with SIGKILL and returns every line the child printed. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL for 30 s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return List.copyOf(lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
