package dev.ipcm.bench;

import java.util.Locale;

/**
 * Renders a {@link BenchReport} as the plain-text tables {@code ipcm bench} prints: every protocol
 * beside its raw transport, then the Echo service, idle-query and scaling figures that were measured.
 */
final class TextReport {
    private TextReport() {}

    static String render(BenchReport report) {
        StringBuilder b = new StringBuilder();
        b.append("ipcm bench on ").append(report.facts().summary()).append('\n');
        b.append("(").append(BenchReport.caveat()).append("; round trips on a fixed schedule, latency = reply - intended send)\n");
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
        if (!report.services().isEmpty()) {
            b.append("\nEcho service: request round trip through a ServiceHandle (fixed schedule); ready = Services.start(...)"
                    + " returning with Echo running in a child JVM, store spawn included\n");
            String sf = "%-15s %-8s %8s %10s %10s %10s %7s %11s %11s%n";
            b.append(String.format(Locale.ROOT, sf, "protocol", "size", "requests", "p50", "p99", "p99.9",
                    "starts", "ready p50", "ready max"));
            for (ServiceFigures f : report.services()) {
                if (f.failure() != null) {
                    b.append(String.format(Locale.ROOT, "%-15s %-8s not measured: %s%n", f.protocol(),
                            Units.size(f.requestSize()), f.failure()));
                    continue;
                }
                b.append(String.format(Locale.ROOT, sf, f.protocol(), Units.size(f.requestSize()),
                        f.requests().roundTrips(), Units.duration(f.requests().p50()), Units.duration(f.requests().p99()),
                        Units.duration(f.requests().p999()), f.ready().roundTrips(), Units.duration(f.ready().p50()),
                        Units.duration(f.ready().max())));
            }
        }
        for (IdleFigures f : report.idle()) {
            b.append(f.failure() != null
                    ? String.format(Locale.ROOT, "%nIdle queries, %s: not measured: %s%n", f.protocol(), f.failure())
                    : String.format(Locale.ROOT, "%nIdle queries, %s: %d queries from %d idle receivers in %.1f s"
                            + " = %.1f per receiver per second%n", f.protocol(), f.queries(), f.receivers(),
                            f.windowNanos() / 1e9, f.perReceiverPerSecond()));
        }
        if (!report.scaling().isEmpty()) {
            b.append("\nScaling: n senders (one client each, one child JVM) to one receiver, or n peers on the store"
                    + " (2 active, n-2 idle)\n");
            String pf = "%-15s %-8s %5s %-8s %8s %10s %10s %9s %12s%n";
            b.append(String.format(Locale.ROOT, pf, "protocol", "scaling", "n", "size", "trips", "p50", "p99",
                    "messages", "msg/s"));
            for (ScalingPoint p : report.scaling()) {
                if (p.failure() != null) {
                    b.append(String.format(Locale.ROOT, "%-15s %-8s %5d not measured: %s%n", p.protocol(),
                            p.dimension(), p.n(), p.failure()));
                    continue;
                }
                b.append(String.format(Locale.ROOT, pf, p.protocol(), p.dimension(), p.n(), Units.size(p.size()),
                        p.latency().roundTrips(), Units.duration(p.latency().p50()), Units.duration(p.latency().p99()),
                        p.throughput().messages(), Units.rate(p.throughput().perSecond())));
            }
        }
        return b.toString();
    }
}
