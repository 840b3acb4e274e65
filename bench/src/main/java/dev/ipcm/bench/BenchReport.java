package dev.ipcm.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
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

    BenchReport(MachineFacts facts, Map<String, Object> settings, List<Measurement> measurements,
            List<Comparison> comparisons, List<ServiceFigures> services, List<ScalingPoint> scaling,
            List<IdleFigures> idle) {
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

    /** The caveat printed with every set of figures. */
    public static String caveat() {
        return "figures from a shared machine: other processes may have used the cores while this ran";
    }

    /** One table: protocol, size, counts, p50/p99/p99.9 round trip, messages/s, and the ratios to raw. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("ipcm bench on ").append(facts.summary()).append('\n');
        b.append("(").append(caveat()).append("; round trips on a fixed schedule, latency = reply - intended send)\n");
        String fmt = "%-15s %-8s %8s %10s %10s %10s %9s %12s %8s  %-28s %10s %12s %8s %8s%n";
        b.append(String.format(java.util.Locale.ROOT, fmt, "protocol", "size", "trips", "p50", "p99", "p99.9",
                "messages", "msg/s", "MB/s", "raw transport", "raw p50", "raw msg/s", "p50 x", "msg/s x"));
        for (Comparison c : comparisons) {
            Measurement m = c.ipcm();
            Measurement r = c.raw();
            if (m.failure() != null) {
                b.append(String.format(java.util.Locale.ROOT, "%-15s %-8s %s%n", c.protocol(), Units.size(c.size()),
                        "not measured: " + m.failure()));
                continue;
            }
            b.append(String.format(java.util.Locale.ROOT, fmt, c.protocol(), Units.size(c.size()),
                    m.latency().roundTrips(), Units.duration(m.latency().p50()), Units.duration(m.latency().p99()),
                    Units.duration(m.latency().p999()), m.throughput().messages(),
                    Units.rate(m.throughput().perSecond()), Units.megabytes(m.throughput().megabytesPerSecond()),
                    r == null ? "-" : r.label(),
                    r == null || r.latency() == null ? "-" : Units.duration(r.latency().p50()),
                    r == null || r.throughput() == null ? "-" : Units.rate(r.throughput().perSecond()),
                    Units.ratio(c.latencyRatio()), Units.ratio(c.throughputRatio())));
            if (r != null && r.failure() != null) {
                b.append("    raw transport not measured: ").append(r.failure()).append('\n');
            }
        }
        if (!services.isEmpty()) {
            b.append("\nEcho service: request round trip through a ServiceHandle (fixed schedule); ready = Services.start(...)"
                    + " returning with Echo running in a child JVM, store spawn included\n");
            String sf = "%-15s %-8s %8s %10s %10s %10s %7s %11s %11s%n";
            b.append(String.format(java.util.Locale.ROOT, sf, "protocol", "size", "requests", "p50", "p99", "p99.9",
                    "starts", "ready p50", "ready max"));
            for (ServiceFigures f : services) {
                if (f.failure() != null) {
                    b.append(String.format(java.util.Locale.ROOT, "%-15s %-8s not measured: %s%n", f.protocol(),
                            Units.size(f.requestSize()), f.failure()));
                    continue;
                }
                b.append(String.format(java.util.Locale.ROOT, sf, f.protocol(), Units.size(f.requestSize()),
                        f.requests().roundTrips(), Units.duration(f.requests().p50()), Units.duration(f.requests().p99()),
                        Units.duration(f.requests().p999()), f.ready().roundTrips(), Units.duration(f.ready().p50()),
                        Units.duration(f.ready().max())));
            }
        }
        for (IdleFigures f : idle) {
            b.append(f.failure() != null
                    ? String.format(java.util.Locale.ROOT, "%nIdle queries, %s: not measured: %s%n", f.protocol(), f.failure())
                    : String.format(java.util.Locale.ROOT, "%nIdle queries, %s: %d queries from %d idle receivers in %.1f s"
                            + " = %.1f per receiver per second%n", f.protocol(), f.queries(), f.receivers(),
                            f.windowNanos() / 1e9, f.perReceiverPerSecond()));
        }
        if (!scaling.isEmpty()) {
            b.append("\nScaling: n senders (one client each, one child JVM) to one receiver, or n peers on the store"
                    + " (2 active, n-2 idle)\n");
            String pf = "%-15s %-8s %5s %-8s %8s %10s %10s %9s %12s%n";
            b.append(String.format(java.util.Locale.ROOT, pf, "protocol", "scaling", "n", "size", "trips", "p50", "p99",
                    "messages", "msg/s"));
            for (ScalingPoint p : scaling) {
                if (p.failure() != null) {
                    b.append(String.format(java.util.Locale.ROOT, "%-15s %-8s %5d not measured: %s%n", p.protocol(),
                            p.dimension(), p.n(), p.failure()));
                    continue;
                }
                b.append(String.format(java.util.Locale.ROOT, pf, p.protocol(), p.dimension(), p.n(), Units.size(p.size()),
                        p.latency().roundTrips(), Units.duration(p.latency().p50()), Units.duration(p.latency().p99()),
                        p.throughput().messages(), Units.rate(p.throughput().perSecond())));
            }
        }
        return b.toString();
    }

    /** The whole report as JSON. */
    public String toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", facts.cores());
        machine.put("jdk", facts.jdk());
        machine.put("os", facts.os());
        machine.put("cpu", facts.cpu());
        machine.put("loadAtStart", facts.loadAtStart());
        machine.put("loadAtEnd", facts.loadAtEnd());
        machine.put("startedAt", facts.startedAt().toString());
        machine.put("caveat", caveat());
        root.set("settings", Json.mapper().valueToTree(settings));
        ArrayNode ms = root.putArray("measurements");
        for (Measurement m : measurements) {
            ms.add(measurementJson(m));
        }
        ArrayNode cs = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode n = cs.addObject();
            n.put("protocol", c.protocol());
            n.put("size", c.size());
            n.put("raw", c.raw() == null ? null : c.raw().label());
            putRatio(n, "p50Ratio", c.latencyRatio());
            putRatio(n, "throughputRatio", c.throughputRatio());
        }
        ArrayNode ss = root.putArray("services");
        for (ServiceFigures f : services) {
            ObjectNode n = ss.addObject();
            n.put("protocol", f.protocol());
            n.put("requestSize", f.requestSize());
            if (f.requests() != null) {
                n.set("requests", latencyJson(f.requests()));
                n.set("ready", latencyJson(f.ready()));
            }
            if (f.failure() != null) {
                n.put("failure", f.failure());
            }
        }
        ArrayNode is = root.putArray("idleQueries");
        for (IdleFigures f : idle) {
            ObjectNode n = is.addObject();
            n.put("protocol", f.protocol());
            n.put("receivers", f.receivers());
            if (f.failure() == null) {
                n.put("windowNanos", f.windowNanos());
                n.put("queries", f.queries());
                n.put("perReceiverPerSecond", f.perReceiverPerSecond());
            } else {
                n.put("failure", f.failure());
            }
        }
        ArrayNode sc = root.putArray("scaling");
        for (ScalingPoint p : scaling) {
            ObjectNode n = sc.addObject();
            n.put("protocol", p.protocol());
            n.put("dimension", p.dimension());
            n.put("n", p.n());
            n.put("size", p.size());
            if (p.latency() != null) {
                n.set("latency", latencyJson(p.latency()));
            }
            if (p.throughput() != null) {
                n.set("throughput", throughputJson(p.throughput()));
            }
            if (p.failure() != null) {
                n.put("failure", p.failure());
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BenchException("could not write the report as JSON: " + e.getMessage(), e);
        }
    }

    private static void putRatio(ObjectNode n, String key, double value) {
        if (Double.isNaN(value)) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    static ObjectNode measurementJson(Measurement m) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("label", m.label());
        n.put("raw", m.raw());
        n.put("size", m.size());
        if (m.latency() != null) {
            n.set("latency", latencyJson(m.latency()));
        }
        if (m.throughput() != null) {
            n.set("throughput", throughputJson(m.throughput()));
        }
        if (m.failure() != null) {
            n.put("failure", m.failure());
        }
        return n;
    }

    static ObjectNode latencyJson(Latency latency) {
        ObjectNode l = Json.mapper().createObjectNode();
        l.put("count", latency.roundTrips());
        l.put("intervalNanos", latency.intervalNanos());
        l.put("p50Nanos", latency.p50());
        l.put("p99Nanos", latency.p99());
        l.put("p999Nanos", latency.p999());
        l.put("maxNanos", latency.max());
        return l;
    }

    static ObjectNode throughputJson(Throughput throughput) {
        ObjectNode t = Json.mapper().createObjectNode();
        t.put("messages", throughput.messages());
        t.put("elapsedNanos", throughput.elapsedNanos());
        t.put("messagesPerSecond", throughput.perSecond());
        t.put("megabytesPerSecond", throughput.megabytesPerSecond());
        t.put("warmupMessages", throughput.warmupMessages());
        t.put("jitMillisDuring", throughput.jitMillis());
        return t;
    }

    /** The whole report as one HTML page with inline SVG charts and no external assets. */
    public String toHtml() {
        return new HtmlReport(this, settings).render();
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
