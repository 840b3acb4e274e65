package dev.ipcm.bench;

import java.util.Locale;

/**
 * Renders a {@link BenchReport} as the plain-text tables {@code ipcm bench} prints: every protocol
 * beside its raw transport, then ({@link TextFigureTables}) the Echo service, idle-query and
 * scaling figures that were measured.
 */
final class TextReport {
    private TextReport() {}

    static String render(BenchReport report) {
        StringBuilder b = new StringBuilder();
        b.append("ipcm bench on ").append(report.facts().summary()).append('\n');
        b.append("(").append(BenchReport.caveat()).append("; ").append(report.roundTripRule()).append(")\n");
        String fmt = "%-15s %-8s %8s %10s %10s %10s %9s %12s %8s  %-28s %10s %12s %8s %8s%n";
        b.append(String.format(Locale.ROOT, fmt, "protocol", "size", "trips", "p50", "p99", "p99.9",
                "messages", "msg/s", "MB/s", "raw transport", "raw p50", "raw msg/s", "p50 x", "msg/s x"));
        for (Comparison c : report.comparisons()) {
            Measurement m = c.ipcm();
            Measurement r = c.raw();
            if (m.failure() != null) {
                b.append(String.format(Locale.ROOT, "%-15s %-8s %s%n", c.protocol(), Units.size(c.size()),
                        "not measured: " + m.failure()));
                continue;
            }
            b.append(String.format(Locale.ROOT, fmt, c.protocol(), Units.size(c.size()),
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
        TextReferenceTable.appendTo(b, report);
        ColdRows.appendText(b, report);
        LivenessRows.appendText(b, report);
        TextFigureTables.appendTo(b, report);
        return b.toString();
    }
}
