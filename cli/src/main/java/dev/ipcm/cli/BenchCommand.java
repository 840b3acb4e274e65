package dev.ipcm.cli;

import dev.ipcm.bench.BenchOptions;
import dev.ipcm.bench.BenchReport;
import dev.ipcm.bench.BenchException;
import dev.ipcm.bench.BenchRunner;
import dev.ipcm.bench.Measurement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ipcm bench}: measures every protocol between this JVM and a child JVM beside the raw
 * transport underneath, prints one table and writes a JSON and an HTML report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure round-trip latency (p50/p99/p99.9 on a fixed schedule, or closed-loop) and one-way throughput of "
                + "each protocol between two JVMs, beside the raw transport underneath (datagram and stream UNIX "
                + "sockets, a FIFO, rename into a watched directory, plain JDBC).",
            "Progress goes to standard error, the table to standard output, and ipcm-bench.json and "
                + "ipcm-bench.html to the report directory. Exits 1 when a measurement failed."})
final class BenchCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--protocols", paramLabel = "LIST", split = ",",
            description = "Protocols to measure, comma-separated (default: every available cross-process protocol).")
    List<String> protocols;

    @Option(names = "--size", paramLabel = "BYTES", split = ",",
            description = "Content sizes in bytes, comma-separated (default: 100,4096).")
    List<Integer> sizes;

    @Option(names = "--messages", paramLabel = "N",
            description = "Messages streamed per protocol and size (default: 200000).")
    Integer messages;

    @Option(names = "--db-messages", paramLabel = "N",
            description = "Messages streamed on database stores (default: 20000).")
    Integer databaseMessages;

    @Option(names = "--jsonfile-messages", paramLabel = "N",
            description = "Messages streamed on JSONFile, which rewrites one file per operation (default: 2000).")
    Integer jsonFileMessages;

    @Option(names = "--round-trips", paramLabel = "N", description = "Measured round trips (default: 20000).")
    Integer roundTrips;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up round trips (default: 2000).")
    Integer warmup;

    @Option(names = "--interval-us", paramLabel = "MICROS",
            description = "Fixed spacing of the round-trip schedule (default: four times the protocol's warm-up median, at least 50 µs; its raw baseline runs on the same schedule).")
    Long intervalMicros;

    @Option(names = "--closed-loop",
            description = "Run plain and Echo round trips closed-loop, each sent when the last returned, as the C "
                    + "limits and the Perl reference measure theirs, so their ratios compare like with like (default: "
                    + "a fixed schedule; not with --interval-us).")
    boolean closedLoop;

    @Option(names = "--pin-cpus", paramLabel = "PARENT,CHILD", split = ",",
            description = "Pin this JVM to CPU PARENT and every child JVM to CPU CHILD with taskset (Linux), so "
                    + "the scheduler cannot place a protocol and its raw baseline differently (default: not pinned).")
    List<Integer> pinCpus;

    @Option(names = "--no-raw", description = "Measure the protocols only, not the raw transports.")
    boolean noRaw;

    @Option(names = "--reference", paramLabel = "IMPL",
            description = "Also measure the reference implementation on the same stores, sizes and counts: perl "
                    + "(IPC::Manager, found through --reference-env or IPCM_PERL_REFERENCE; skipped with the reason "
                    + "when absent), and print ipcm/Perl ratios.")
    String reference;

    @Option(names = "--reference-env", paramLabel = "PATH",
            description = "The Perl reference's env.sh, or the folder holding env.sh and bench.pl "
                    + "(default: the IPCM_PERL_REFERENCE environment variable).")
    Path referenceEnv;

    @Option(names = "--limits", negatable = true,
            description = "Build (gcc) and run the C limits of the transports under the protocols and print ipcm/C "
                    + "ratios (default: when gcc is on the PATH; --no-limits skips them).")
    Boolean limits;

    @Option(names = "--no-cold", description = "Skip the cold figures (fresh JVMs, Echo services in a thread).")
    boolean noCold;

    @Option(names = "--cold-messages", paramLabel = "N",
            description = "Messages a fresh JVM streams after its first one (default: 20000).")
    Integer coldMessages;

    @Option(names = "--cold-runs", paramLabel = "N", description = "Fresh JVMs started per protocol (default: 3).")
    Integer coldRuns;

    @Option(names = "--no-liveness", description = "Skip liveness detection (SIGKILLed peers on database server stores).")
    boolean noLiveness;

    @Option(names = "--liveness-runs", paramLabel = "N",
            description = "Peer JVMs killed per database server store (default: 3).")
    Integer livenessRuns;

    @Option(names = "--no-service", description = "Skip the Echo service (request round trips and child-JVM start-up).")
    boolean noService;

    @Option(names = "--service-protocols", paramLabel = "LIST", split = ",",
            description = "Measure the Echo service only on these protocols (default: every measured protocol).")
    List<String> serviceProtocols;

    @Option(names = "--service-starts", paramLabel = "N",
            description = "Child-JVM starts of the Echo service to time (default: 5).")
    Integer serviceStarts;

    @Option(names = "--no-idle", description = "Skip counting the queries of idle receivers on MariaDB and MySQL.")
    boolean noIdle;

    @Option(names = "--scaling", description = "Also run the scaling curves: senders 1 to 16, peers on the store 2 to 256.")
    boolean scaling;

    @Option(names = "--senders", paramLabel = "LIST", split = ",",
            description = "Concurrent senders of the scaling curve (default: 1,2,4,8,16).")
    List<Integer> senders;

    @Option(names = "--peers", paramLabel = "LIST", split = ",",
            description = "Peers on the store of the scaling curve, at least 2 (default: 2,16,64,256).")
    List<Integer> peers;

    @Option(names = "--scaling-round-trips", paramLabel = "N",
            description = "Round trips per scaling point, shared among senders (default: 4000).")
    Integer scalingRoundTrips;

    @Option(names = "--scaling-messages", paramLabel = "N",
            description = "Messages per scaling point, shared among senders (default: 20000).")
    Integer scalingMessages;

    @Option(names = "--jdbc", paramLabel = "PROTOCOL=URL",
            description = "JDBC URL of the server a database protocol's raw baseline uses, e.g. "
                    + "PostgreSQL=jdbc:postgresql://127.0.0.1:5432/test; repeatable.")
    Map<String, String> jdbc = new LinkedHashMap<>();

    @Option(names = "--param", paramLabel = "PROTOCOL:KEY=VALUE",
            description = "A spawn parameter for one protocol's stores, e.g. PostgreSQL:route=dbi:Pg:...; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--session-timeout", paramLabel = "SECONDS",
            description = "Longest time one protocol at one size may take before it is reported failed (default: 600).")
    Integer sessionTimeout;

    @Option(names = "--report", paramLabel = "DIR", description = "Where the JSON and HTML reports go (default: ipcm-report).")
    Path report = Path.of("ipcm-report");

    @Mixin
    Credentials credentials;

    BenchCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        BenchReport result = BenchRunner.run(options(), line -> ConsoleColumn.printLine(ctx.err(), "ipcm bench: " + line));
        ctx.out().print(result.table());
        ctx.out().flush();
        for (Path file : result.writeTo(report)) {
            ctx.err().println("ipcm bench: wrote " + file);
        }
        ctx.err().flush();
        boolean failed = result.measurements().stream().map(Measurement::failure).anyMatch(f -> f != null)
                || result.services().stream().anyMatch(f -> f.failure() != null)
                || result.scaling().stream().anyMatch(p -> p.failure() != null)
                || result.idle().stream().anyMatch(f -> f.failure() != null)
                || result.cold().stream().anyMatch(f -> f.failure() != null)
                || result.liveness().stream().anyMatch(f -> f.failure() != null);
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    BenchOptions options() {
        BenchOptions o = BenchOptions.defaults();
        if (protocols != null) {
            o.protocols(protocols);
        }
        if (sizes != null) {
            o.sizes(sizes);
        }
        if (messages != null) {
            o.messages(messages);
        }
        if (databaseMessages != null) {
            o.databaseMessages(databaseMessages);
        }
        if (jsonFileMessages != null) {
            o.jsonFileMessages(jsonFileMessages);
        }
        if (roundTrips != null) {
            o.roundTrips(roundTrips);
        }
        if (warmup != null) {
            o.warmupRoundTrips(warmup);
        }
        if (intervalMicros != null) {
            o.interval(Duration.ofNanos(intervalMicros * 1000));
        }
        if (closedLoop) {
            o.closedLoop();
        }
        if (pinCpus != null) {
            if (pinCpus.size() != 2) {
                throw new BenchException("--pin-cpus takes two CPU numbers, PARENT,CHILD (e.g. 0,1), got " + pinCpus);
            }
            o.pinCpus(pinCpus.get(0), pinCpus.get(1));
        }
        if (sessionTimeout != null) {
            o.sessionTimeout(Duration.ofSeconds(sessionTimeout));
        }
        o.raw(!noRaw);
        o.cold(!noCold);
        if (coldMessages != null) {
            o.coldMessages(coldMessages);
        }
        if (coldRuns != null) {
            o.coldRuns(coldRuns);
        }
        o.liveness(!noLiveness);
        if (livenessRuns != null) {
            o.livenessRuns(livenessRuns);
        }
        if (reference != null) {
            o.reference(reference);
        }
        if (referenceEnv != null) {
            o.referenceEnv(referenceEnv);
        }
        if (limits != null) {
            o.limits(limits);
        }
        o.service(!noService);
        if (serviceProtocols != null) {
            o.serviceProtocols(serviceProtocols);
        }
        if (serviceStarts != null) {
            o.serviceStarts(serviceStarts);
        }
        o.idle(!noIdle);
        o.scaling(scaling);
        if (senders != null) {
            o.senderCounts(senders);
        }
        if (peers != null) {
            o.peerCounts(peers);
        }
        if (scalingRoundTrips != null) {
            o.scalingRoundTrips(scalingRoundTrips);
        }
        if (scalingMessages != null) {
            o.scalingMessages(scalingMessages);
        }
        Map<String, String> login = credentials.params(ctx);
        jdbc.forEach((protocol, url) -> o.database(protocol, url, login.get("user"), login.get("password")));
        params.forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon <= 0) {
                throw new dev.ipcm.bench.BenchException("--param needs PROTOCOL:KEY=VALUE, got '" + key + "=" + value + "'");
            }
            o.spawnParam(key.substring(0, colon), key.substring(colon + 1), value);
        });
        return o;
    }
}
