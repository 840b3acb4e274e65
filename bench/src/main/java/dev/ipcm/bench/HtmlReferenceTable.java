package dev.ipcm.bench;

import java.util.List;

/** The HTML form of {@link ReferenceRows}: a section with the two tables and the notes. */
final class HtmlReferenceTable {
    private HtmlReferenceTable() {}

    static String render(BenchReport report) {
        if (!ReferenceRows.any(report)) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2>Beside the Perl reference and the C limits</h2>\n<p class=\"note\">")
                .append(HtmlText.escape(ReferenceRows.title(report))).append("</p>\n");
        table(h, ReferenceRows.HEADER, ReferenceRows.rows(report));
        List<List<String>> echo = ReferenceRows.echoRows(report);
        if (!echo.isEmpty()) {
            h.append("<p class=\"note\">").append(HtmlText.escape(ReferenceRows.ECHO_TITLE)).append("</p>\n");
            table(h, ReferenceRows.ECHO_HEADER, echo);
        }
        for (String note : ReferenceRows.notes(report)) {
            h.append("<p class=\"fail\">").append(HtmlText.escape(note)).append("</p>\n");
        }
        return h.toString();
    }

    /** A header and rows as an HTML table. */
    static void table(StringBuilder h, List<String> header, List<List<String>> rows) {
        h.append("<table>\n<tr>");
        header.forEach(cell -> h.append("<th>").append(HtmlText.escape(cell)).append("</th>"));
        h.append("</tr>\n");
        for (List<String> row : rows) {
            h.append("<tr>");
            row.forEach(cell -> h.append("<td>").append(HtmlText.escape(cell)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }
}
