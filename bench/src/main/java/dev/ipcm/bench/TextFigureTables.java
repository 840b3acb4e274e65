package dev.ipcm.bench;

import java.util.Locale;

/**
 * The plain-text tables of the measurements a bench run makes only when asked: the Echo service,
 * the idle queries and the scaling curves. {@link TextReport} prints them after its main table.
 */
final class TextFigureTables {
    private TextFigureTables() {}

    /** Appends a table for each kind of figure {@code report} holds; nothing for those not measured. */
    static void appendTo(StringBuilder b, BenchReport report) {
        if (!report.services().isEmpty()) {
            b.append("\nEcho service: request round trip through a ServiceHandle (")
                    .append(report.closedLoop() ? "closed loop" : "fixed schedule").append("); ready = Services.start(...)"
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
    }
}
