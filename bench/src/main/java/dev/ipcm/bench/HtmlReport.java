package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders a {@link BenchReport} as one self-contained HTML page: facts, settings, the table, SVG charts. */
final class HtmlReport {
    private final BenchReport report;

    HtmlReport(BenchReport report) {
        this.report = report;
    }

    String render() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ipcm bench</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td:first-child,th:first-child")
                .append("{text-align:left}.fail{color:#a00}.note{color:#555}</style></head><body>\n");
        h.append("<h1>ipcm bench</h1>\n<p>").append(HtmlText.escape(report.facts().summary())).append("; started ")
                .append(report.facts().startedAt()).append("</p>\n<p class=\"note\">")
                .append(HtmlText.escape(BenchReport.caveat()))
                .append(report.closedLoop() ? ". Round trips run closed-loop: each is sent when the last returned, and"
                        + " each latency is its own reply time minus send time."
                        : ". Round trips run on a fixed intended schedule; each latency is reply time minus intended"
                        + " send time, so stalls are counted.")
                .append(" Throughput is first send to the receiver's last receive.</p>\n");
        h.append("<h2>Settings</h2>\n<table>\n");
        report.settings().forEach((k, v) -> h.append("<tr><th>").append(HtmlText.escape(k)).append("</th><td>")
                .append(HtmlText.escape(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n<h2>Protocols beside their raw transports</h2>\n").append(HtmlComparisonTable.render(report.comparisons()))
                .append(HtmlReferenceTable.render(report)).append(ColdRows.html(report))
                .append(LivenessRows.html(report));
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
        if (!report.services().isEmpty()) {
            h.append("<h2>Echo service</h2>\n<p class=\"note\">Request round trip through a ServiceHandle "
                    + (report.closedLoop() ? "closed-loop" : "on the fixed schedule")
                    + "; ready = Services.start(...) returning with Echo running in a child JVM, the store's spawn"
                    + " included.</p>\n<table><tr><th>protocol</th><th>size</th><th>requests</th><th>p50</th><th>p99</th>"
                    + "<th>p99.9</th><th>starts</th><th>ready p50</th><th>ready max</th></tr>\n");
            List<SvgBars.Bar> bars = new ArrayList<>();
            for (ServiceFigures f : report.services()) {
                h.append("<tr><td>").append(HtmlText.escape(f.protocol())).append("</td><td>").append(Units.size(f.requestSize()))
                        .append("</td>");
                if (f.failure() != null) {
                    h.append("<td colspan=\"7\" class=\"fail\">").append(HtmlText.escape(f.failure())).append("</td></tr>\n");
                    continue;
                }
                h.append("<td>").append(f.requests().roundTrips()).append("</td><td>").append(Units.duration(f.requests().p50()))
                        .append("</td><td>").append(Units.duration(f.requests().p99())).append("</td><td>")
                        .append(Units.duration(f.requests().p999())).append("</td><td>").append(f.ready().roundTrips())
                        .append("</td><td>").append(Units.duration(f.ready().p50())).append("</td><td>")
                        .append(Units.duration(f.ready().max())).append("</td></tr>\n");
                bars.add(new SvgBars.Bar(f.protocol(), f.requests().p50(), false));
            }
            h.append("</table>\n<figure>").append(SvgBars.render("Echo request p50", bars, v -> Units.duration((long) v)))
                    .append("</figure>\n");
        }
        if (!report.idle().isEmpty()) {
            h.append("<h2>Idle queries</h2>\n<table><tr><th>protocol</th><th>receivers</th><th>window</th><th>queries</th>"
                    + "<th>per receiver per second</th></tr>\n");
            for (IdleFigures f : report.idle()) {
                h.append("<tr><td>").append(HtmlText.escape(f.protocol())).append("</td><td>").append(f.receivers()).append("</td>");
                if (f.failure() != null) {
                    h.append("<td colspan=\"3\" class=\"fail\">").append(HtmlText.escape(f.failure())).append("</td></tr>\n");
                } else {
                    h.append("<td>").append(Units.duration(f.windowNanos())).append("</td><td>").append(f.queries())
                            .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.1f", f.perReceiverPerSecond()))
                            .append("</td></tr>\n");
                }
            }
            h.append("</table>\n");
        }
        if (!report.scaling().isEmpty()) {
            h.append("<h2>Scaling</h2>\n<p class=\"note\">n senders: one client each in one child JVM, all talking to"
                    + " one receiver, each on its own schedule. n peers: one measured pair, n-2 idle clients on the"
                    + " store.</p>\n<table><tr><th>protocol</th><th>scaling</th><th>n</th><th>size</th><th>round trips</th>"
                    + "<th>p50</th><th>p99</th><th>messages</th><th>msg/s</th></tr>\n");
            for (ScalingPoint p : report.scaling()) {
                h.append("<tr><td>").append(HtmlText.escape(p.protocol())).append("</td><td>").append(p.dimension())
                        .append("</td><td>").append(p.n()).append("</td><td>").append(Units.size(p.size())).append("</td>");
                if (p.failure() != null) {
                    h.append("<td colspan=\"5\" class=\"fail\">").append(HtmlText.escape(p.failure())).append("</td></tr>\n");
                    continue;
                }
                h.append("<td>").append(p.latency().roundTrips()).append("</td><td>").append(Units.duration(p.latency().p50()))
                        .append("</td><td>").append(Units.duration(p.latency().p99())).append("</td><td>")
                        .append(p.throughput().messages()).append("</td><td>").append(Units.rate(p.throughput().perSecond()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
            for (String dimension : List.of("senders", "peers")) {
                List<SvgBars.Bar> p99 = new ArrayList<>();
                List<SvgBars.Bar> rate = new ArrayList<>();
                for (ScalingPoint p : report.scaling()) {
                    if (p.dimension().equals(dimension) && p.failure() == null) {
                        p99.add(new SvgBars.Bar(p.protocol() + ", " + p.n() + " " + dimension, p.latency().p99(), false));
                        rate.add(new SvgBars.Bar(p.protocol() + ", " + p.n() + " " + dimension, p.throughput().perSecond(),
                                false));
                    }
                }
                if (!p99.isEmpty()) {
                    h.append("<figure>").append(SvgBars.render("p99 round trip by " + dimension, p99,
                            v -> Units.duration((long) v))).append("</figure>\n<figure>")
                            .append(SvgBars.render("messages/s by " + dimension, rate, Units::rate)).append("</figure>\n");
                }
            }
        }
        h.append("</body></html>\n");
        return h.toString();
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
