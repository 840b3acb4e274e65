package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.IpcmException;
import dev.ipcm.internal.Json;
import dev.ipcm.protocol.db.server.DatabaseServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running driver: a child process spoken to in JSON lines on its stdin and stdout
 * (docs/driver-protocol.md). Requests from many threads are written one line at a time; a reader
 * thread hands each answer to the request with its id. A driver that exited is started again at
 * the next request.
 */
final class DriverProcess implements AutoCloseable {
    /** Every operation answers well within this; a driver that does not is stuck. */
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);

    private final String command;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Process process;
    private OutputStream requests;
    private volatile String ended;
    private boolean closed;

    private DriverProcess(String command) {
        this.command = command;
    }

    /** Starts {@code command} with {@code sh -c}; its stderr goes to ours. */
    static DriverProcess start(String command) {
        DriverProcess driver = new DriverProcess(command);
        synchronized (driver.lock) {
            driver.launch();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(driver::close, "ipcm-driver-stop"));
        return driver;
    }

    /**
     * Starts the process (again, after it exited: the stores and clients it had are gone, and the
     * requests that waited on it have failed; later scenarios spawn stores of their own).
     */
    private void launch() {
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec " + command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            passDatabaseServers(builder.environment());
            Process p = builder.start();
            process = p;
            requests = p.getOutputStream();
            ended = null;
            Thread reader = new Thread(() -> readAnswers(p), "ipcm-driver-reader");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new IpcmException("Could not start the driver '" + command + "': " + e.getMessage()
                    + " (check the command given with --driver or ipcm.driver)", e);
        }
    }

    /**
     * The database servers this JVM is configured with (registered, {@code -Dipcm.<kind>.url} or
     * the environment), in the environment variables a driver reads (docs/driver-protocol.md): the
     * driver creates its database stores on the servers ipcm's own protocols use.
     */
    private static void passDatabaseServers(Map<String, String> environment) {
        for (DatabaseServers.Kind kind : DatabaseServers.Kind.values()) {
            DatabaseServers.configuredUrl(kind).ifPresent(url -> environment.put(kind.environmentVariable(), url));
        }
    }

    /** The command this driver was started with. */
    String command() {
        return command;
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @return the {@code result} of an ok answer ({@code null} JSON when the driver gave none)
     * @throws IpcmException the exception the error answer's kind names (see {@link DriverErrors})
     */
    JsonNode call(String op, ObjectNode args) {
        long id = ids.incrementAndGet();
        ObjectNode request = Json.mapper().createObjectNode().put("id", id).put("op", op);
        request.setAll(args);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            write(request);
            JsonNode reply = answer.get(ANSWER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.path("ok").asBoolean(false)) {
                return reply.path("result");
            }
            throw DriverErrors.toException(op, reply.path("error"));
        } catch (TimeoutException e) {
            throw new IpcmException("The driver '" + command + "' did not answer '" + op + "' within "
                    + ANSWER_DEADLINE.toSeconds() + " s; it is stuck or not reading its stdin");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcmException("Interrupted while waiting for the driver's answer to '" + op + "'", e);
        } catch (ExecutionException e) {
            throw new IpcmException(e.getCause().getMessage(), e.getCause());
        } finally {
            waiting.remove(id);
        }
    }

    private void write(ObjectNode request) {
        byte[] line = (Json.encodeToString(request) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (closed) {
                throw new IpcmException("The driver '" + command + "' has been stopped");
            }
            if (ended != null) {
                System.err.println("ipcm-driver: " + ended + "; starting it again");
                launch();
            }
            try {
                requests.write(line);
                requests.flush();
            } catch (IOException e) {
                throw new IpcmException("Could not write to the driver '" + command + "': " + e.getMessage(), e);
            }
        }
    }

    private void readAnswers(Process p) {
        String end = null;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode reply = Json.decode(line);
                CompletableFuture<JsonNode> answer = waiting.get(reply.path("id").asLong(-1));
                if (answer != null) {
                    answer.complete(reply);
                }
            }
        } catch (IOException | RuntimeException e) {
            end = "The driver '" + command + "' wrote something that is not a JSON line: " + e.getMessage();
            p.destroyForcibly();
        }
        if (end == null) {
            end = "The driver '" + command + "' exited" + exitCode(p);
        }
        IpcmException gone = new IpcmException(end);
        synchronized (lock) {
            if (p == process) {
                ended = end;
            }
        }
        waiting.values().forEach(f -> f.completeExceptionally(gone));
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? " with code " + p.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Closes the driver's stdin (its signal to end), then kills it if it has not ended within 5 s. */
    @Override
    public void close() {
        Process process;
        try {
            synchronized (lock) {
                closed = true;
                process = this.process;
                requests.close();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            destroy();
        } catch (InterruptedException e) {
            destroy();
            Thread.currentThread().interrupt();
        }
    }

    private void destroy() {
        synchronized (lock) {
            process.destroyForcibly();
        }
    }
}
