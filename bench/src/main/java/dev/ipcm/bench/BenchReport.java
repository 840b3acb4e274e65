package dev.ipcm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The result of a cross-process run: the machine facts, the settings, every measurement and every
 * protocol beside its raw transport, as a text table, JSON, or a self-contained HTML page.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BenchReport {
    /** File name of the JSON report in the report directory. */
    public static final String JSON_FILE = "ipcm-bench.json";
    /** File name of the HTML report in the report directory. */
    public static final String HTML_FILE = "ipcm-bench.html";

    private final MachineFacts facts;
    private final Map<String, Object> settings;
    private final List<Measurement> measurements;
    private final List<Comparison> comparisons;
    private final List<ServiceFigures> services;
    private final List<ScalingPoint> scaling;
    private final List<IdleFigures> idle;
    private final List<ColdFigures> cold;
    private final List<LivenessFigures> liveness;

    BenchReport(MachineFacts facts, Map<String, Object> settings, List<Measurement> measurements,
            List<Comparison> comparisons, List<ServiceFigures> services, List<ScalingPoint> scaling,
            List<IdleFigures> idle) {
        this(facts, settings, measurements, comparisons, services, scaling, idle, List.of());
    }

    BenchReport(MachineFacts facts, Map<String, Object> settings, List<Measurement> measurements,
            List<Comparison> comparisons, List<ServiceFigures> services, List<ScalingPoint> scaling,
            List<IdleFigures> idle, List<ColdFigures> cold) {
        this(facts, settings, measurements, comparisons, services, scaling, idle, cold, List.of());
    }

    BenchReport(MachineFacts facts, Map<String, Object> settings, List<Measurement> measurements,
            List<Comparison> comparisons, List<ServiceFigures> services, List<ScalingPoint> scaling,
            List<IdleFigures> idle, List<ColdFigures> cold, List<LivenessFigures> liveness) {
        this.liveness = List.copyOf(liveness);
        this.cold = List.copyOf(cold);
        this.idle = List.copyOf(idle);
        this.facts = facts;
        this.settings = settings;
        this.measurements = List.copyOf(measurements);
        this.comparisons = List.copyOf(comparisons);
        this.services = List.copyOf(services);
        this.scaling = List.copyOf(scaling);
    }

    /** The Echo service figures, one per protocol (empty when not measured). */
    public List<ServiceFigures> services() {
        return services;
    }

    /** The cold figures, one per protocol (empty when not measured). */
    public List<ColdFigures> cold() {
        return cold;
    }

    /** Liveness detection on database server stores, one per protocol (empty when not measured). */
    public List<LivenessFigures> liveness() {
        return liveness;
    }

    /** Queries of idle receivers on polled database stores (empty when not measured). */
    public List<IdleFigures> idle() {
        return idle;
    }

    /** The scaling curves' points (empty when not measured). */
    public List<ScalingPoint> scaling() {
        return scaling;
    }

    /** The machine the figures were measured on. */
    public MachineFacts facts() {
        return facts;
    }

    /** Every measurement, protocols and raw transports. */
    public List<Measurement> measurements() {
        return measurements;
    }

    /** Every protocol at every size beside its raw transport. */
    public List<Comparison> comparisons() {
        return comparisons;
    }

    /** The run's settings, as {@link BenchOptions} describes them. */
    Map<String, Object> settings() {
        return settings;
    }

    /** The caveat printed with every set of figures. */
    public static String caveat() {
        return "figures from a shared machine: other processes may have used the cores while this ran";
    }

    /**
     * Whether ipcm's round trips ran closed-loop: read from the figures themselves (a closed
     * loop records interval 0), so a report never describes a schedule its figures did not follow.
     */
    boolean closedLoop() {
        return comparisons.stream().map(Comparison::ipcm).anyMatch(m -> m != null && m.latency() != null
                && m.latency().intervalNanos() == 0)
                || services.stream().anyMatch(s -> s.requests() != null && s.requests().intervalNanos() == 0);
    }

    /** How the round trips were timed, as the text and HTML reports say it. */
    String roundTripRule() {
        return closedLoop() ? "round trips closed-loop, each sent when the last returned, latency = reply - send"
                : "round trips on a fixed schedule, latency = reply - intended send";
    }

    /** One table: protocol, size, counts, p50/p99/p99.9 round trip, messages/s, and the ratios to raw. */
    public String table() {
        return TextReport.render(this);
    }

    /** The whole report as JSON. */
    public String toJson() {
        return JsonReport.render(this);
    }

    /** The whole report as one HTML page with inline SVG charts and no external assets. */
    public String toHtml() {
        return new HtmlReport(this).render();
    }

    /**
     * Writes {@value #JSON_FILE} and {@value #HTML_FILE} into {@code dir}, creating it.
     *
     * @return the two files written
     */
    public List<Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        Path html = dir.resolve(HTML_FILE);
        Files.writeString(json, toJson(), StandardCharsets.UTF_8);
        Files.writeString(html, toHtml(), StandardCharsets.UTF_8);
        return List.of(json, html);
    }
}
