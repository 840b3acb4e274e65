package dev.ipcm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.PeerGoneException;
import dev.ipcm.internal.Json;
import dev.ipcm.service.RequestTimeoutException;
import dev.ipcm.service.Response;
import dev.ipcm.service.ServiceHandle;
import dev.ipcm.spi.ClientNames;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipcm request}: sends one request to a service and prints its response. */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Send the JSON value as a request to the service NAME and print the response value "
                + "as JSON on one line.",
            "Waits within the timeout (default 10 s) for the service to appear, so it may be started just before.",
            "Exits 3 when no response came within the timeout, 4 when the service answered with an error "
                + "(its text goes to standard error), 1 when the service went away without answering."})
final class RequestCommand implements Callable<Integer> {
    /** How long a request without --timeout waits for its service to appear (docs/cli.md). */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Parameters(index = "1", paramLabel = "JSON", description = "The request: one JSON value, e.g. '\"hello\"' or '{\"n\":1}'.")
    String json;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service to ask.")
    String service;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Give up when the service did not appear (exit 2) or did not answer (exit 3) within SECONDS "
                    + "(default: wait 10 s for the service to appear, then until it answers or goes away).")
    Duration timeout;

    @Mixin
    Credentials credentials;

    RequestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        JsonNode request = JsonArgument.parse(json);
        ClientNames.validate(service);
        String name = "ipcm-request-" + UUID.randomUUID();
        try (Session session = Session.open(ctx, info, name, credentials.params(ctx));
                ServiceHandle handle = ServiceHandle.builder(service, info).name(name).client(session.client()).build()) {
            long start = System.nanoTime();
            PeerWait.requireService(session.client(), service, timeout == null ? SERVICE_WAIT : timeout);
            Response response;
            try {
                response = timeout == null ? handle.syncRequest(service, request)
                        : handle.syncRequest(service, request, left(start));
            } catch (RequestTimeoutException e) {
                return fail(ExitCodes.GAVE_UP, "timed out after " + Seconds.format(timeout)
                        + " waiting for a response from '" + service + "'");
            } catch (PeerGoneException e) {
                return fail(ExitCodes.FAILURE, e.getMessage());
            }
            if (response.isError()) {
                return fail(ExitCodes.SERVICE_ERROR, "service '" + service + "' answered with an error: "
                        + response.error().orElse(""));
            }
            ctx.println(Json.encodeToString(response.value()));
            return ExitCodes.OK;
        }
    }

    /** What is left of the timeout after waiting for the service; never zero, so the request is still sent. */
    private Duration left(long start) {
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private int fail(int code, String reason) {
        ctx.err().println("ipcm request: " + ErrorReporter.oneLine(reason));
        ctx.err().flush();
        return code;
    }
}
