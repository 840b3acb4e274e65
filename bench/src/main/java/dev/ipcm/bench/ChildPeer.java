package dev.ipcm.bench;

import dev.ipcm.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The parent's handle on a {@link PeerMain} (or {@link ScalingPeerMain}) child JVM: start it, read its status lines with a deadline, end it. */
final class ChildPeer implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildPeer(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "bench-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildPeer start(List<String> args, Map<String, String> env) throws IOException {
        return start(PeerMain.class, args, env);
    }

    static ChildPeer start(Class<?> main, List<String> args, Map<String, String> env) throws IOException {
        ChildJvm jvm = ChildJvm.of(main).args(args);
        env.forEach(jvm::env);
        Process process = jvm.start();
        try {
            CpuPinning.pinChild(process.pid());
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new ChildPeer(process);
    }

    long pid() {
        return process.pid();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // The child is gone; the EOF marker below says so.
        }
        lines.add(EOF);
    }

    /**
     * Waits for the next status line, which must start with {@code word}.
     *
     * @return the rest of the line after the word
     * @throws BenchException when the child says something else, exits, or the deadline passes
     */
    String expect(String word, long deadlineNanos) throws InterruptedException {
        long rest = deadlineNanos - System.nanoTime();
        String line = rest > 0 ? lines.poll(rest, TimeUnit.NANOSECONDS) : lines.poll();
        if (line == null) {
            throw new BenchException("the child JVM (pid " + process.pid() + ") did not say " + word
                    + " before the deadline; raise the phase timeout or lower the counts");
        }
        if (line.equals(EOF)) {
            throw new BenchException("the child JVM (pid " + process.pid() + ") exited before saying " + word
                    + " (its standard error above says why)");
        }
        if (!line.startsWith(word)) {
            throw new BenchException("the child JVM said '" + line + "' where " + word + " was expected");
        }
        return line.substring(word.length()).trim();
    }

    /** Writes one command line to the child's standard input ({@code MORE}, {@code GO}). */
    void tell(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Tells the child to leave and waits up to 10 s, then kills it. */
    @Override
    public void close() {
        try {
            OutputStream in = process.getOutputStream();
            in.write("BYE\n".getBytes(StandardCharsets.UTF_8));
            in.close();
        } catch (IOException ignored) {
            // Already gone.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the child now (a deadline passed). */
    void kill() {
        process.destroyForcibly();
    }
}
