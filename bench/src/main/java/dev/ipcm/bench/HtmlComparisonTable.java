package dev.ipcm.bench;

import java.util.List;

/** The HTML report's main table: each protocol's figures beside its raw transport's. */
final class HtmlComparisonTable {
    private HtmlComparisonTable() {}

    /** The table of every protocol at every size beside its raw transport, with the ratios. */
    static String render(List<Comparison> comparisons) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>protocol</th><th>size</th><th>round trips</th><th>p50</th>"
                + "<th>p99</th><th>p99.9</th><th>messages</th><th>msg/s</th><th>MB/s</th><th>raw transport</th>"
                + "<th>raw p50</th><th>raw p99</th><th>raw msg/s</th><th>p50 ratio</th><th>msg/s ratio</th></tr>\n");
        for (Comparison c : comparisons) {
            Measurement m = c.ipcm();
            Measurement r = c.raw();
            t.append("<tr><td>").append(HtmlText.escape(c.protocol())).append("</td><td>").append(Units.size(c.size())).append("</td>");
            if (m.failure() != null) {
                t.append("<td colspan=\"13\" class=\"fail\">not measured: ").append(HtmlText.escape(m.failure())).append("</td></tr>\n");
                continue;
            }
            cells(t, m);
            t.append("<td>").append(r == null ? "-" : HtmlText.escape(r.label())).append("</td>");
            if (r == null || r.failure() != null) {
                t.append("<td colspan=\"3\" class=\"fail\">").append(r == null ? "-" : HtmlText.escape(r.failure())).append("</td>");
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
}
