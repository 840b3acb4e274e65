package dev.ipcm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.IpcmException;
import dev.ipcm.Message;
import dev.ipcm.NotSupportedException;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.ChildJvm;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.Availability;
import dev.ipcm.spi.Protocol;
import dev.ipcm.spi.Protocols;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ipcm demo}: spawns a temporary store, starts a child JVM that echoes, sends it messages,
 * checks every echo came back intact, and reports what passed and how fast.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Exchange messages with an echoing child JVM over a temporary store, print the first few "
                + "round trips and the messages per second, and remove the store.",
            "Exit code 1 when an echo is missing or differs."})
final class DemoCommand implements Callable<Integer> {
    static final String ECHO = "echo";
    static final String SELF = "demo";
    // A cold child JVM on a busy machine can take seconds to start; these only bound a failure.
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);
    private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN = Duration.ofSeconds(20);

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "MessageFiles",
            description = "A cross-process protocol (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--count", paramLabel = "N", defaultValue = "200",
            description = "Messages to send; each comes back once (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--show", paramLabel = "K", defaultValue = "3",
            description = "Round trips to print in full (default: ${DEFAULT-VALUE}).")
    int show;

    @Mixin
    Credentials credentials;

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (show < 0) {
            throw new ParameterException(spec.commandLine(), "--show must not be negative, got " + show);
        }
        Protocol p = Protocols.byName(protocol);
        if (!p.capabilities().has(Capability.CROSS_PROCESS)) {
            throw new NotSupportedException("The demo talks to a child JVM, but the " + p.name()
                    + " protocol keeps its store inside one JVM; use a cross-process protocol, e.g. --protocol MessageFiles");
        }
        Availability availability = p.availability();
        if (!availability.isAvailable()) {
            throw new NotSupportedException("The " + p.name() + " protocol cannot run here: " + availability);
        }
        Map<String, String> params = credentials.params(ctx);
        SpawnOptions options = SpawnOptions.defaults().protocol(protocol).peerTimeout(SHUTDOWN);
        params.forEach(options::param);
        try (Store store = Ipcm.spawn(options)) {
            ctx.println("store     " + store.info());
            ChildJvm echo = ChildJvm.of(DemoEcho.class).args(store.info(), ECHO);
            NativeAccess.jvmOptions().forEach(echo::jvmOption);
            // Through the environment, never the command line, where other users could read a password.
            params.forEach((key, value) -> echo.env(DemoEcho.ENV_PREFIX + key.toUpperCase(Locale.ROOT), value));
            Process child = echo.start();
            try {
                ctx.println("echo      child JVM, pid " + child.pid());
                int code;
                try (Session session = Session.of(ctx, store.connect(SELF, params))) {
                    awaitEcho(session.client(), child);
                    code = exchange(session.client());
                }
                store.shutdown(); // terminates the echo child and waits for it to leave
                return code;
            } finally {
                if (!child.waitFor(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private void awaitEcho(Client demo, Process child) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!demo.peerExists(ECHO)) {
            if (!child.isAlive()) {
                throw new IpcmException("The echo child JVM exited with code " + child.exitValue()
                        + " before it connected (its standard error is above)");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IpcmException("The echo child JVM did not connect within " + Seconds.format(STARTUP));
            }
            // Bounded so that a child that died is noticed; an arrival wakes the wait at once.
            demo.awaitPeerChange(Duration.ofNanos(Math.min(left, LIVENESS_CHECK.toNanos())));
        }
    }

    private int exchange(Client demo) {
        long start = System.nanoTime();
        for (int seq = 1; seq <= count; seq++) {
            ObjectNode content = Json.mapper().createObjectNode().put("seq", seq).put("text", "hello from the demo");
            Message sent = demo.send(ECHO, content);
            if (seq <= show) {
                ctx.println(SELF + " -> " + ECHO + "  " + Json.encodeToString(sent.content()));
            }
        }
        BitSet back = new BitSet(count + 1);
        int received = 0;
        int wrong = 0;
        long deadline = System.nanoTime() + ECHO_TIMEOUT.toNanos();
        while (received < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            for (Message m : demo.awaitMessages(Duration.ofNanos(left))) {
                received++;
                if (received <= show) {
                    ctx.println(m.from() + " -> " + SELF + "  " + Json.encodeToString(m.content()));
                }
                int seq = seqOf(m.content());
                if (!m.from().equals(ECHO) || seq < 1 || seq > count || back.get(seq)
                        || !m.content().path("text").asText().equals("hello from the demo")) {
                    wrong++;
                } else {
                    back.set(seq);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count > show && show > 0) {
            ctx.println("...       " + (count - show) + " more round trips not shown");
        }
        int good = back.cardinality();
        ctx.println(String.format(Locale.ROOT, "passed    %d of %d messages came back intact in %.3f s", good, count, seconds));
        ctx.println(String.format(Locale.ROOT, "rate      %.0f messages/s (%d sent + %d echoed)",
                (count + received) / seconds, count, received));
        if (good != count || wrong != 0) {
            ctx.err().println("ipcm demo: " + (count - good) + " echo(es) missing and " + wrong
                    + " unexpected or altered within " + Seconds.format(ECHO_TIMEOUT));
            ctx.err().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static int seqOf(JsonNode content) {
        JsonNode seq = content.path("seq");
        return seq.canConvertToInt() ? seq.asInt() : -1;
    }
}
