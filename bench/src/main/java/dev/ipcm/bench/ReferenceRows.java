package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of the table that sets ipcm beside the Perl reference and the C limits, shared by the
 * text and HTML reports. A ratio is ipcm / other: below 1 for a round trip and above 1 for
 * messages/s mean ipcm is faster.
 */
final class ReferenceRows {
    static final List<String> HEADER = List.of("protocol", "size", "trips", "ipcm p50", "perl p50", "C p50", "p50 x perl",
            "p50 x C", "messages", "ipcm msg/s", "perl msg/s", "C msg/s", "msg/s x perl", "msg/s x C");
    static final String ECHO_TITLE = "Echo service beside the Perl reference's (request p50; ready = start to a ready"
            + " service: ipcm's child JVM p50, the reference's forked process, one start)";
    static final List<String> ECHO_HEADER = List.of("protocol", "requests", "ipcm p50", "perl p50", "p50 x perl",
            "ipcm ready", "perl ready", "ready x perl");

    private ReferenceRows() {}

    /** The table's title, which says whether ipcm's round trips ran as the others' do. */
    static String title(BenchReport report) {
        return "Beside the Perl reference and the C limits, same store, size and counts"
                + (report.closedLoop() ? " (all closed-loop)." : " (they run a closed loop; ipcm's round trips run on"
                        + " the fixed schedule above, --closed-loop runs them as the others do).")
                + " x = ipcm / other: a p50 x below 1 and a msg/s x above 1 mean ipcm is faster";
    }

    /** Whether the report holds anything to set beside the reference or the limits. */
    static boolean any(BenchReport report) {
        return report.comparisons().stream().anyMatch(c -> c.reference() != null || c.limit() != null);
    }

    /** One row per measured comparison. */
    static List<List<String>> rows(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            Measurement m = c.ipcm();
            if (m.failure() != null || (c.reference() == null && c.limit() == null)) {
                continue;
            }
            rows.add(List.of(c.protocol(), Units.size(c.size()), Integer.toString(m.latency().roundTrips()),
                    Units.duration(m.latency().p50()), p50(c.reference()), p50(c.limit()),
                    Units.ratio(c.latencyRatio(c.reference())), Units.ratio(c.latencyRatio(c.limit())),
                    Integer.toString(m.throughput().messages()), Units.rate(m.throughput().perSecond()),
                    rate(c.reference()), rate(c.limit()), Units.ratio(c.throughputRatio(c.reference())),
                    Units.ratio(c.throughputRatio(c.limit()))));
        }
        return rows;
    }

    /** Why a reference or limit figure is missing, one line each. */
    static List<String> notes(BenchReport report) {
        List<String> notes = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            for (Measurement other : new Measurement[] {c.reference(), c.limit()}) {
                if (other != null && other.failure() != null) {
                    notes.add(c.protocol() + " " + Units.size(c.size()) + ", " + other.label() + ": not measured: "
                            + other.failure());
                }
            }
        }
        for (ServiceFigures f : report.services()) {
            if (f.reference() != null && f.reference().failure() != null) {
                notes.add("Echo " + f.protocol() + ", perl: not measured: " + f.reference().failure());
            }
        }
        return notes;
    }

    /** One row per Echo service measured beside the reference's. */
    static List<List<String>> echoRows(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ServiceFigures f : report.services()) {
            ServiceFigures perl = f.reference();
            if (f.failure() != null || perl == null || perl.failure() != null) {
                continue;
            }
            rows.add(List.of(f.protocol(), Integer.toString(f.requests().roundTrips()), Units.duration(f.requests().p50()),
                    Units.duration(perl.requests().p50()), Units.ratio((double) f.requests().p50() / perl.requests().p50()),
                    Units.duration(f.ready().p50()), Units.duration(perl.ready().p50()),
                    Units.ratio((double) f.ready().p50() / perl.ready().p50())));
        }
        return rows;
    }

    private static String p50(Measurement m) {
        return m == null || m.latency() == null ? "-" : Units.duration(m.latency().p50());
    }

    private static String rate(Measurement m) {
        return m == null || m.throughput() == null ? "-" : Units.rate(m.throughput().perSecond());
    }
}
