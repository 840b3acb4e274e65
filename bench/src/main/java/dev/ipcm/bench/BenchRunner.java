package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The cross-process runner: for every protocol and size, round-trip latency and one-way
 * throughput between this JVM and a child JVM, each beside the raw transport underneath measured
 * the same way in the same run.
 *
 * <pre>{@code
 * BenchReport report = BenchRunner.run(BenchOptions.defaults().protocols(List.of("UnixSocket")), System.err::println);
 * System.out.print(report.table());
 * report.writeTo(Path.of("target/bench"));
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BenchRunner {
    private BenchRunner() {}

    /**
     * Runs every measurement the options ask for. A protocol that cannot run here, or a measurement
     * that fails, is reported with its reason; the others still run.
     *
     * @param progress receives one line per step (the CLI prints them on standard error)
     */
    public static BenchReport run(BenchOptions options, Consumer<String> progress) {
        // Taken before pinning: a pinned JVM sees one processor, and the figures are read against the machine's.
        MachineFacts facts = MachineFacts.now();
        if (!options.pinned()) {
            return measureAll(options, facts, progress);
        }
        try (CpuPinning pinning = CpuPinning.apply(options.parentCpu(), options.childCpu())) {
            progress.accept("pinned: this JVM to CPU " + options.parentCpu() + ", child JVMs to CPU " + options.childCpu());
            return measureAll(options, facts, progress);
        }
    }

    private static BenchReport measureAll(BenchOptions options, MachineFacts facts, Consumer<String> progress) {
        progress.accept("machine: " + facts.summary());
        try (ExternalRuns external = ExternalRuns.prepare(options.references(), progress)) {
            return measureAll(options, facts, external, progress);
        }
    }

    private static BenchReport measureAll(BenchOptions options, MachineFacts facts, ExternalRuns external,
            Consumer<String> progress) {
        List<Measurement> measurements = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        Map<String, Measurement> rawDone = new HashMap<>();
        for (String name : MeasurableProtocols.names(options)) {
            String why = MeasurableProtocols.unusable(name);
            for (int size : options.sizes()) {
                if (why != null) {
                    progress.accept(name + ": skipped: " + why);
                    Measurement skipped = Measurement.failed(name, false, size, why);
                    measurements.add(skipped);
                    comparisons.add(new Comparison(name, size, skipped, null));
                    continue;
                }
                int streamed = options.messagesFor(name);
                PairRun.Counts counts = new PairRun.Counts(options.warmupRoundTrips(), options.roundTrips(),
                        StreamCounts.warmupFor(streamed), streamed, options.intervalNanos());
                long timeout = options.sessionTimeout().toNanos();
                Measurement ipcm = PairRun.measure(new IpcmTransport(name, options.spawnParams(name)), size, counts,
                        timeout, progress);
                measurements.add(ipcm);
                Measurement raw = null;
                if (options.raw()) {
                    Transport base = Baselines.forProtocol(name, options).orElse(null);
                    if (base == null) {
                        progress.accept(name + ": no raw baseline (" + rawMissing(name) + ")");
                    } else {
                        // The baseline runs on the protocol's own schedule: the ratio then compares
                        // two transports under the same offered load, not two different loads.
                        PairRun.Counts rawCounts = counts.onSchedule(scheduleOf(ipcm, options));
                        String key = base.spec() + "/" + size + "/" + streamed + "/" + rawCounts.intervalNanos();
                        raw = rawDone.get(key);
                        if (raw == null) {
                            raw = PairRun.measure(base, size, rawCounts, timeout, progress);
                            rawDone.put(key, raw);
                            measurements.add(raw);
                        }
                    }
                }
                comparisons.add(new Comparison(name, size, ipcm, raw, external.reference(name, size, counts, options,
                        progress), external.limit(name, size, counts, options, progress)));
            }
        }
        List<ServiceFigures> services = new ArrayList<>();
        List<ScalingPoint> scaling = new ArrayList<>();
        List<IdleFigures> idle = new ArrayList<>();
        List<ColdFigures> cold = new ArrayList<>();
        List<LivenessFigures> liveness = new ArrayList<>();
        int size = options.sizes().get(0);
        long timeout = options.sessionTimeout().toNanos();
        for (String name : MeasurableProtocols.names(options)) {
            if (MeasurableProtocols.unusable(name) != null) {
                continue;
            }
            if (options.service().on(name)) {
                // The Echo and scaling schedules always follow their own warm-up: a fixed interval chosen
                // for plain round trips would overload a slower request path or many senders. A closed
                // loop overloads nothing, so Echo follows it.
                services.add(ServiceBench.measure(name, options.spawnParams(name), size, options.warmupRoundTrips(),
                        options.roundTrips(), options.isClosedLoop() ? PingPong.CLOSED_LOOP : 0,
                        options.service().starts(), progress)
                        .withReference(external.echo(name, options, progress)));
            }
            if (options.cold().enabled()) {
                cold.add(ColdBench.measure(name, options.spawnParams(name), size, options.cold(),
                        options.service().starts(), timeout, progress));
            }
            if (options.idle().enabled() && (name.equals("MariaDB") || name.equals("MySQL"))) {
                idle.add(IdleBench.measure(name, options.idle().receivers(), options.idle().window().toMillis(), timeout,
                        progress));
            }
            if (options.liveness().enabled() && LivenessBench.PROTOCOLS.contains(name)) {
                liveness.add(LivenessBench.measure(name, options.spawnParams(name), options.liveness().runs(), timeout,
                        progress));
            }
            if (options.scaling().enabled()) {
                ScalingBench.Counts counts = new ScalingBench.Counts(Math.min(200, options.warmupRoundTrips()),
                        options.scaling().roundTrips(), options.scaling().messagesFor(options.messagesFor(name)), 0, timeout);
                for (int n : options.scaling().senderCounts()) {
                    scaling.add(ScalingBench.senders(name, options.spawnParams(name), n, size, counts, progress));
                }
                for (int n : options.scaling().peerCounts()) {
                    scaling.add(ScalingBench.peers(name, options.spawnParams(name), n, size, counts, progress));
                }
            }
        }
        return new BenchReport(facts.finished(), options.describe(), measurements, comparisons, services, scaling,
                idle, cold, liveness);
    }

    /** The schedule a raw baseline follows: the one given, else the one the protocol's run settled on. */
    private static long scheduleOf(Measurement ipcm, BenchOptions options) {
        if (options.intervalNanos() != 0 || ipcm.latency() == null) {
            return options.intervalNanos();
        }
        return ipcm.latency().intervalNanos();
    }

    private static String rawMissing(String protocol) {
        return Baselines.isDatabase(protocol)
                ? "give the server's JDBC URL with BenchOptions.database, or --jdbc PROTOCOL=URL on the command line"
                : "this runner knows no raw transport under it";
    }
}
