package dev.ipcm.bench;

import java.util.ArrayList;
import java.util.List;

/** The liveness table of the text and HTML reports: per database server store, kill to "gone". */
final class LivenessRows {
    static final String TITLE = "Liveness: a peer JVM is SIGKILLed; detection = from the kill until another peer's"
            + " peerActive says gone (the server frees the dead session's token)";
    static final List<String> HEADER = List.of("protocol", "runs", "detection p50", "detection max");

    private LivenessRows() {}

    static void appendText(StringBuilder b, BenchReport report) {
        if (report.liveness().isEmpty()) {
            return;
        }
        b.append('\n').append(TITLE).append('\n');
        TextReferenceTable.table(b, HEADER, rows(report));
        for (String failure : failures(report)) {
            b.append("    ").append(failure).append('\n');
        }
    }

    static String html(BenchReport report) {
        if (report.liveness().isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2>Liveness</h2>\n<p class=\"note\">").append(HtmlText.escape(TITLE))
                .append("</p>\n");
        HtmlReferenceTable.table(h, HEADER, rows(report));
        for (String failure : failures(report)) {
            h.append("<p class=\"fail\">").append(HtmlText.escape(failure)).append("</p>\n");
        }
        return h.toString();
    }

    private static List<List<String>> rows(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (LivenessFigures f : report.liveness()) {
            if (f.failure() == null) {
                rows.add(List.of(f.protocol(), Integer.toString(f.detection().roundTrips()),
                        Units.duration(f.detection().p50()), Units.duration(f.detection().max())));
            }
        }
        return rows;
    }

    private static List<String> failures(BenchReport report) {
        return report.liveness().stream().filter(f -> f.failure() != null)
                .map(f -> f.protocol() + " liveness: not measured: " + f.failure()).toList();
    }
}
