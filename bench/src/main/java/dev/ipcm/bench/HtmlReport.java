package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a {@link BenchReport} as one self-contained HTML page: facts, settings, the table, SVG charts. */
final class HtmlReport {
    private final BenchReport report;
    private final Map<String, Object> settings;
    private final List<BenchReport.Extra> extras;

    HtmlReport(BenchReport report, Map<String, Object> settings, List<BenchReport.Extra> extras) {
        this.report = report;
        this.settings = settings;
        this.extras = extras;
    }

    String render() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ipcm bench</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,th:first-child")
                .append("{text-align:left}.fail{color:#a00}.note{color:#555}</style></head><body>\n");
        h.append("<h1>ipcm bench</h1>\n<p>").append(SvgBars.esc(report.facts().summary())).append("; started ")
                .append(report.facts().startedAt()).append("</p>\n<p class=\"note\">")
                .append(SvgBars.esc(BenchReport.caveat()))
                .append(". Round trips run on a fixed intended schedule; each latency is reply time minus intended")
                .append(" send time, so stalls are counted. Throughput is first send to the receiver's last receive.</p>\n");
        h.append("<h2>Settings</h2>\n<table>\n");
        settings.forEach((k, v) -> h.append("<tr><th>").append(SvgBars.esc(k)).append("</th><td>")
                .append(SvgBars.esc(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n<h2>Protocols beside their raw transports</h2>\n").append(table());
        Set<Integer> sizes = new LinkedHashSet<>();
        report.comparisons().forEach(c -> sizes.add(c.size()));
        for (int size : sizes) {
            h.append("<h2>").append(Units.size(size)).append(" contents</h2>\n");
            h.append(chart(size, "p50 round trip, " + Units.size(size), m -> m.latency() == null ? 0 : m.latency().p50(),
                    v -> Units.duration((long) v)));
            h.append(chart(size, "p99 round trip, " + Units.size(size), m -> m.latency() == null ? 0 : m.latency().p99(),
                    v -> Units.duration((long) v)));
            h.append(chart(size, "messages/s one way, " + Units.size(size),
                    m -> m.throughput() == null ? 0 : m.throughput().perSecond(), Units::rate));
        }
        if (!extras.isEmpty()) {
            h.append("<h2>Services and scaling</h2>\n<table><tr><th>section</th><th>what</th><th>figure</th></tr>\n");
            for (BenchReport.Extra e : extras) {
                h.append("<tr><td>").append(SvgBars.esc(e.section())).append("</td><td>").append(SvgBars.esc(e.label()))
                        .append("</td><td>").append(SvgBars.esc(e.figure())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private String table() {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>protocol</th><th>size</th><th>round trips</th><th>p50</th>"
                + "<th>p99</th><th>p99.9</th><th>messages</th><th>msg/s</th><th>MB/s</th><th>raw transport</th>"
                + "<th>raw p50</th><th>raw p99</th><th>raw msg/s</th><th>p50 ratio</th><th>msg/s ratio</th></tr>\n");
        for (Comparison c : report.comparisons()) {
            Measurement m = c.ipcm();
            Measurement r = c.raw();
            t.append("<tr><td>").append(SvgBars.esc(c.protocol())).append("</td><td>").append(Units.size(c.size())).append("</td>");
            if (m.failure() != null) {
                t.append("<td colspan=\"13\" class=\"fail\">not measured: ").append(SvgBars.esc(m.failure())).append("</td></tr>\n");
                continue;
            }
            cells(t, m);
            t.append("<td>").append(r == null ? "-" : SvgBars.esc(r.label())).append("</td>");
            if (r == null || r.failure() != null) {
                t.append("<td colspan=\"3\" class=\"fail\">").append(r == null ? "-" : SvgBars.esc(r.failure())).append("</td>");
            } else {
                t.append("<td>").append(Units.duration(r.latency().p50())).append("</td><td>")
                        .append(Units.duration(r.latency().p99())).append("</td><td>")
                        .append(Units.rate(r.throughput().perSecond())).append("</td>");
            }
            t.append("<td>").append(Units.ratio(c.latencyRatio())).append("</td><td>")
                    .append(Units.ratio(c.throughputRatio())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static void cells(StringBuilder t, Measurement m) {
        t.append("<td>").append(m.latency().roundTrips()).append("</td><td>").append(Units.duration(m.latency().p50()))
                .append("</td><td>").append(Units.duration(m.latency().p99())).append("</td><td>")
                .append(Units.duration(m.latency().p999())).append("</td><td>").append(m.throughput().messages())
                .append("</td><td>").append(Units.rate(m.throughput().perSecond())).append("</td><td>")
                .append(Units.megabytes(m.throughput().megabytesPerSecond())).append("</td>");
    }

    private String chart(int size, String title, java.util.function.ToDoubleFunction<Measurement> value,
            java.util.function.DoubleFunction<String> format) {
        List<SvgBars.Bar> bars = new ArrayList<>();
        Set<String> rawShown = new LinkedHashSet<>();
        for (Comparison c : report.comparisons()) {
            if (c.size() != size) {
                continue;
            }
            bars.add(new SvgBars.Bar(c.protocol(), value.applyAsDouble(c.ipcm()), false));
            if (c.raw() != null && rawShown.add(c.raw().label())) {
                bars.add(new SvgBars.Bar(c.raw().label(), value.applyAsDouble(c.raw()), true));
            }
        }
        return "<figure>" + SvgBars.render(title, bars, format) + "</figure>\n";
    }
}
