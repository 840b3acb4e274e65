package dev.ipcm.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A child JVM's ear on its parent: a daemon thread reads standard input, queues every line but
 * {@code BYE}, and on {@code BYE} or the end of input (the parent died) closes the child's links
 * and ends the process: exit 0 after {@code BYE}, 2 when the parent went away, 1 when a link
 * failed to close after {@code BYE}.
 */
final class ParentWatch {
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    private ParentWatch() {}

    /** Starts watching; {@code links} are closed before the process ends. */
    static ParentWatch start(String threadName, List<? extends AutoCloseable> links) {
        ParentWatch watch = new ParentWatch();
        Thread t = new Thread(() -> System.exit(watch.readUntilBye(links)), threadName);
        t.setDaemon(true);
        t.start();
        return watch;
    }

    /** The next line from the parent other than {@code BYE}, waiting for it. */
    String nextCommand() throws InterruptedException {
        return commands.take();
    }

    private int readUntilBye(List<? extends AutoCloseable> links) {
        int code = 2;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("BYE")) {
                    code = 0;
                    break;
                }
                commands.add(line);
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
        for (AutoCloseable link : links) {
            try {
                link.close();
            } catch (Exception e) {
                System.err.println("bench peer: closing the link failed: " + e);
                code = code == 0 ? 1 : code;
            }
        }
        return code;
    }
}
