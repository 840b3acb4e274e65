package dev.ipcm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import java.util.List;

/** Renders a {@link BenchReport} as the JSON report: machine, settings, and every figure with its counts in nanoseconds. */
final class JsonReport {
    private static final List<String> LATENCY_KEYS = List.of("count", "intervalNanos", "p50Nanos", "p99Nanos", "p999Nanos",
            "maxNanos");
    private static final List<String> THROUGHPUT_KEYS = List.of("messages", "elapsedNanos", "messagesPerSecond",
            "megabytesPerSecond", "warmupMessages", "jitMillisDuring");

    private JsonReport() {}

    static String render(BenchReport report) {
        ObjectNode root = Json.mapper().createObjectNode();
        putMachine(root.putObject("machine"), report.facts());
        root.set("settings", Json.mapper().valueToTree(report.settings()));
        ArrayNode ms = root.putArray("measurements");
        for (Measurement m : report.measurements()) {
            putFigures(ms.addObject().put("label", m.label()).put("raw", m.raw()).put("size", m.size()),
                    m.latency(), m.throughput(), m.failure());
        }
        ArrayNode cs = root.putArray("comparisons");
        for (Comparison c : report.comparisons()) {
            ObjectNode n = cs.addObject();
            n.put("protocol", c.protocol());
            n.put("size", c.size());
            n.put("raw", c.raw() == null ? null : c.raw().label());
            putRatio(n, "p50Ratio", c.latencyRatio());
            putRatio(n, "throughputRatio", c.throughputRatio());
            putExternal(n, "reference", c.reference(), c);
            putExternal(n, "limit", c.limit(), c);
        }
        ArrayNode ss = root.putArray("services");
        for (ServiceFigures f : report.services()) {
            ObjectNode n = ss.addObject();
            n.put("protocol", f.protocol());
            n.put("requestSize", f.requestSize());
            if (f.requests() != null) {
                n.set("requests", latencyJson(f.requests()));
                n.set("ready", latencyJson(f.ready()));
            }
            putFigures(n, null, null, f.failure());
            if (f.reference() != null) {
                ServiceFigures perl = f.reference();
                ObjectNode r = n.putObject("reference");
                if (perl.requests() != null) {
                    r.set("requests", latencyJson(perl.requests()));
                    r.set("ready", latencyJson(perl.ready()));
                }
                putFigures(r, null, null, perl.failure());
            }
        }
        putIdle(root.putArray("idleQueries"), report.idle());
        ArrayNode cold = root.putArray("cold");
        for (ColdFigures f : report.cold()) {
            ObjectNode n = cold.addObject().put("protocol", f.protocol()).put("size", f.size());
            if (f.failure() == null) {
                n.set("firstMessage", latencyJson(f.firstMessage()));
                n.set("freshStream", throughputJson(f.freshStream()));
                n.set("threadServiceReady", latencyJson(f.threadServiceReady()));
            }
            putFigures(n, null, null, f.failure());
        }
        ArrayNode live = root.putArray("liveness");
        for (LivenessFigures f : report.liveness()) {
            ObjectNode n = live.addObject().put("protocol", f.protocol());
            if (f.failure() == null) {
                n.set("detection", latencyJson(f.detection()));
            }
            putFigures(n, null, null, f.failure());
        }
        ArrayNode sc = root.putArray("scaling");
        for (ScalingPoint p : report.scaling()) {
            putFigures(sc.addObject().put("protocol", p.protocol()).put("dimension", p.dimension()).put("n", p.n())
                    .put("size", p.size()), p.latency(), p.throughput(), p.failure());
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new BenchException("could not write the report as JSON: " + e.getMessage(), e);
        }
    }

    private static void putMachine(ObjectNode machine, MachineFacts facts) {
        machine.put("cores", facts.cores());
        machine.put("jdk", facts.jdk());
        machine.put("os", facts.os());
        machine.put("cpu", facts.cpu());
        machine.put("loadAtStart", facts.loadAtStart());
        machine.put("loadAtEnd", facts.loadAtEnd());
        machine.put("startedAt", facts.startedAt().toString());
        machine.put("caveat", BenchReport.caveat());
    }

    private static void putIdle(ArrayNode out, List<IdleFigures> idle) {
        for (IdleFigures f : idle) {
            ObjectNode n = out.addObject();
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
    }

    /**
     * The Perl reference's or the C limit's figures beside a comparison, with ipcm's ratios to them
     * (nothing when it was not asked for).
     */
    private static void putExternal(ObjectNode n, String key, Measurement other, Comparison c) {
        if (other == null) {
            return;
        }
        ObjectNode o = n.putObject(key).put("label", other.label());
        putFigures(o, other.latency(), other.throughput(), other.failure());
        putRatio(o, "p50Ratio", c.latencyRatio(other));
        putRatio(o, "throughputRatio", c.throughputRatio(other));
    }

    /** The latency, throughput and failure of one measured point, each when it is there. */
    private static void putFigures(ObjectNode n, Latency latency, Throughput throughput, String failure) {
        if (latency != null) {
            n.set("latency", latencyJson(latency));
        }
        if (throughput != null) {
            n.set("throughput", throughputJson(throughput));
        }
        if (failure != null) {
            n.put("failure", failure);
        }
    }

    private static void putRatio(ObjectNode n, String key, double value) {
        if (Double.isNaN(value)) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }

    private static ObjectNode latencyJson(Latency l) {
        return numbers(LATENCY_KEYS, l.roundTrips(), l.intervalNanos(), l.p50(), l.p99(), l.p999(), l.max());
    }

    private static ObjectNode throughputJson(Throughput t) {
        return numbers(THROUGHPUT_KEYS, t.messages(), t.elapsedNanos(), t.perSecond(), t.megabytesPerSecond(),
                t.warmupMessages(), t.jitMillis());
    }

    /** An object of these keys and numbers, in this order, each number as its own type writes it. */
    private static ObjectNode numbers(List<String> keys, Number... values) {
        ObjectNode n = Json.mapper().createObjectNode();
        for (int i = 0; i < values.length; i++) {
            n.set(keys.get(i), Json.mapper().valueToTree(values[i]));
        }
        return n;
    }
}
