package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.IpcmException;
import dev.ipcm.internal.Json;
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
 * thread hands each answer to the request with its id.
 */
final class DriverProcess implements AutoCloseable {
    /** Every operation answers well within this; a driver that does not is stuck. */
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);

    private final String command;
    private final Process process;
    private final OutputStream requests;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private volatile String ended;

    private DriverProcess(String command, Process process) {
        this.command = command;
        this.process = process;
        this.requests = process.getOutputStream();
        Thread reader = new Thread(this::readAnswers, "ipcm-driver-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} with {@code sh -c}; its stderr goes to ours. */
    static DriverProcess start(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "exec " + command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            DriverProcess driver = new DriverProcess(command, p);
            Runtime.getRuntime().addShutdownHook(new Thread(driver::close, "ipcm-driver-stop"));
            return driver;
        } catch (IOException e) {
            throw new IpcmException("Could not start the driver '" + command + "': " + e.getMessage()
                    + " (check the command given with --driver or ipcm.driver)", e);
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
        synchronized (requests) {
            if (ended != null) {
                throw new IpcmException(ended);
            }
            try {
                requests.write(line);
                requests.flush();
            } catch (IOException e) {
                throw new IpcmException("Could not write to the driver '" + command + "': " + e.getMessage(), e);
            }
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode reply = Json.decode(line);
                CompletableFuture<JsonNode> answer = waiting.get(reply.path("id").asLong(-1));
                if (answer != null) {
                    answer.complete(reply);
                }
            }
        } catch (IOException | RuntimeException e) {
            ended = "The driver '" + command + "' wrote something that is not a JSON line: " + e.getMessage();
        }
        if (ended == null) {
            ended = "The driver '" + command + "' exited" + exitCode();
        }
        IpcmException gone = new IpcmException(ended);
        waiting.values().forEach(f -> f.completeExceptionally(gone));
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Closes the driver's stdin (its signal to end), then kills it if it has not ended within 5 s. */
    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close();
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
