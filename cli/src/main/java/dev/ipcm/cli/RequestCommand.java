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
            "Exits 3 when no response came within the timeout, 4 when the service answered with an error "
                + "(its text goes to standard error), 1 when the service went away without answering."})
final class RequestCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "INFO", description = "The store's info string.")
    String info;

    @Parameters(index = "1", paramLabel = "JSON", description = "The request: one JSON value, e.g. '\"hello\"' or '{\"n\":1}'.")
    String json;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service to ask.")
    String service;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Give up (exit 3) when no response came within SECONDS (default: wait until the service answers or goes away).")
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
            Response response;
            try {
                response = timeout == null ? handle.syncRequest(service, request)
                        : handle.syncRequest(service, request, timeout);
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

    private int fail(int code, String reason) {
        ctx.err().println("ipcm request: " + ErrorReporter.oneLine(reason));
        ctx.err().flush();
        return code;
    }
}
