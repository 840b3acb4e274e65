package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The cold table of the text and HTML reports: per protocol, a fresh JVM's first message and
 * stream beside the steady state of the main table, the Perl reference's stream (itself a fresh
 * process), and the ready times of an Echo service in a thread and in a child JVM.
 */
final class ColdRows {
    static final String TITLE = "Cold: a fresh JVM (no tuning) sends 1 message, then streams; a peer process receives."
            + " first msg = JVM start to the peer's receipt; fresh msg/s = the stream right after it (median run);"
            + " warm = the steady state above; ready = Services.start(...) returning, store spawn included";
    static final List<String> HEADER = List.of("protocol", "size", "runs", "first msg p50", "first msg max", "messages",
            "fresh msg/s", "warm msg/s", "fresh x warm", "perl msg/s", "fresh x perl", "thread ready p50",
            "child JVM ready p50");

    private ColdRows() {}

    static void appendText(StringBuilder b, BenchReport report) {
        if (report.cold().isEmpty()) {
            return;
        }
        b.append('\n').append(TITLE).append('\n');
        TextReferenceTable.table(b, HEADER, rows(report));
        for (ColdFigures f : report.cold()) {
            if (f.failure() != null) {
                b.append("    ").append(f.protocol()).append(" cold: not measured: ").append(f.failure()).append('\n');
            }
        }
    }

    static String html(BenchReport report) {
        if (report.cold().isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2>Cold</h2>\n<p class=\"note\">").append(HtmlText.escape(TITLE))
                .append("</p>\n");
        HtmlReferenceTable.table(h, HEADER, rows(report));
        for (ColdFigures f : report.cold()) {
            if (f.failure() != null) {
                h.append("<p class=\"fail\">").append(HtmlText.escape(f.protocol() + " cold: not measured: " + f.failure()))
                        .append("</p>\n");
            }
        }
        return h.toString();
    }

    static List<List<String>> rows(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ColdFigures f : report.cold()) {
            if (f.failure() != null) {
                continue;
            }
            Comparison steady = report.comparisons().stream()
                    .filter(c -> c.protocol().equals(f.protocol()) && c.size() == f.size()).findFirst().orElse(null);
            Throughput warm = steady == null ? null : steady.ipcm().throughput();
            Throughput perl = steady == null || steady.reference() == null ? null : steady.reference().throughput();
            ServiceFigures child = report.services().stream().filter(s -> s.protocol().equals(f.protocol()))
                    .findFirst().orElse(null);
            double fresh = f.freshStream().perSecond();
            rows.add(List.of(f.protocol(), Units.size(f.size()), Integer.toString(f.firstMessage().roundTrips()),
                    Units.duration(f.firstMessage().p50()), Units.duration(f.firstMessage().max()),
                    Integer.toString(f.freshStream().messages()), Units.rate(fresh),
                    warm == null ? "-" : Units.rate(warm.perSecond()),
                    warm == null ? "-" : Units.ratio(fresh / warm.perSecond()),
                    perl == null ? "-" : Units.rate(perl.perSecond()) + " (" + perl.messages() + ")",
                    perl == null ? "-" : Units.ratio(fresh / perl.perSecond()),
                    Units.duration(f.threadServiceReady().p50()),
                    child == null || child.ready() == null ? "-" : Units.duration(child.ready().p50())));
        }
        return rows;
    }
}
