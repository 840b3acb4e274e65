package dev.ipcm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the figures the Perl reference's bench script (one JSON line) and the C limits (one
 * {@code RESULT key=value ...} line) print, as this runner's {@link Latency} and {@link Throughput}.
 * Both measure a closed loop, so a latency's interval is 0; what a program does not report
 * (the Perl script's p99.9 and maximum) is -1.
 */
final class ExternalFigures {
    private ExternalFigures() {}

    /** The Perl script's {@code rtt} or {@code echo} line as a latency. */
    static Latency perlLatency(String line) {
        JsonNode n = json(line);
        int count = n.has("round_trips") ? n.get("round_trips").asInt() : required(n, "requests").asInt();
        return new Latency(count, 0, micros(required(n, "p50_us").asDouble()), micros(required(n, "p99_us").asDouble()),
                -1, -1);
    }

    /** The Perl script's {@code stream} line as a throughput. */
    static Throughput perlThroughput(String line) {
        JsonNode n = json(line);
        int messages = required(n, "messages").asInt();
        double perSecond = required(n, "msgs_per_s").asDouble();
        return new Throughput(messages, required(n, "size").asInt(), Math.round(messages * 1e9 / perSecond));
    }

    /** The Perl script's {@code echo} line: milliseconds from {@code ipcm_service} to a ready Echo. */
    static long perlReadyNanos(String line) {
        return Math.round(required(json(line), "ready_ms").asDouble() * 1e6);
    }

    /** A C {@code RESULT bench=pingpong} line as a latency. */
    static Latency cLatency(String line) {
        Map<String, String> kv = keyValues(line);
        return new Latency(Integer.parseInt(value(kv, "n")), 0, micros(number(kv, "p50_us")), micros(number(kv, "p99_us")),
                micros(number(kv, "p999_us")), micros(number(kv, "max_us")));
    }

    /** A C {@code RESULT bench=stream} line as a throughput. */
    static Throughput cThroughput(String line) {
        Map<String, String> kv = keyValues(line);
        int messages = Integer.parseInt(value(kv, "n"));
        return new Throughput(messages, Integer.parseInt(value(kv, "size")),
                Math.round(messages * 1e9 / number(kv, "msgs_per_s")), Integer.parseInt(value(kv, "warmup")), -1);
    }

    /** The key=value pairs after {@code RESULT}. */
    static Map<String, String> keyValues(String line) {
        if (!line.startsWith("RESULT ")) {
            throw new BenchException("not a RESULT line of the C limits: " + line);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String pair : line.substring(7).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                kv.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return kv;
    }

    private static long micros(double us) {
        return Math.round(us * 1000);
    }

    private static double number(Map<String, String> kv, String key) {
        return Double.parseDouble(value(kv, key));
    }

    private static String value(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new BenchException("the C limits' line has no " + key + "=: " + kv);
        }
        return v;
    }

    private static JsonNode json(String line) {
        try {
            return Json.decode(line);
        } catch (RuntimeException e) {
            throw new BenchException("the Perl reference printed a line that is not JSON: " + line, e);
        }
    }

    private static JsonNode required(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new BenchException("the Perl reference's line has no \"" + key + "\": " + n);
        }
        return v;
    }
}
