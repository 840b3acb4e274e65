package dev.ipcm.crash;

import dev.ipcm.internal.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the crash matrix and every line it printed. The child writes its standard output
 * to a file, not a pipe: a line the child wrote before it was killed is then in the file once the
 * child is dead, whatever the timing. A pipe read on a thread of ours lost the tail of a killed
 * child's output now and then, which the matrix counted as lost messages (docs/delivery.md).
 */
final class ChildLines implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final FileChannel reading;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();

    private ChildLines(Process process, Path output) throws IOException {
        this.process = process;
        this.output = output;
        this.reading = FileChannel.open(output, StandardOpenOption.READ);
    }

    static ChildLines start(Class<?> main, String... args) throws IOException {
        List<String> command = ChildJvm.of(main).args(args).jvmOption("-Xshare:auto").jvmOption("-XX:TieredStopAtLevel=1")
                .jvmOption("-XX:+UseSerialGC").command();
        Path output = Files.createTempFile("ipcm-crash-child-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new ChildLines(process, output);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    /** Waits until the lines satisfy {@code wanted}, the child exits or {@code seconds} pass; returns whether they did. */
    boolean await(Predicate<List<String>> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!wanted.test(readNew())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                return wanted.test(readNew());
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
        return List.copyOf(readNew());
    }

    /** The lines printed so far: what the file holds beyond what was read, split at line ends. */
    private List<String> readNew() {
        try {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (reading.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        lines.add(partialLine.toString(StandardCharsets.UTF_8));
                        partialLine.reset();
                    } else {
                        partialLine.write(b);
                    }
                }
                buf.clear();
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the output of child " + process.pid() + " in " + output, e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            if (process.isAlive()) {
                kill();
            }
        } finally {
            reading.close();
            Files.deleteIfExists(output);
        }
    }
}
