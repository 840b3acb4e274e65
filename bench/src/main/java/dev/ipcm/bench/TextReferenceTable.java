package dev.ipcm.bench;

import java.util.List;

/** The plain-text form of {@link ReferenceRows}: columns padded to their widest cell. */
final class TextReferenceTable {
    private TextReferenceTable() {}

    static void appendTo(StringBuilder b, BenchReport report) {
        if (!ReferenceRows.any(report)) {
            return;
        }
        b.append('\n').append(ReferenceRows.title(report)).append('\n');
        table(b, ReferenceRows.HEADER, ReferenceRows.rows(report));
        List<List<String>> echo = ReferenceRows.echoRows(report);
        if (!echo.isEmpty()) {
            b.append('\n').append(ReferenceRows.ECHO_TITLE).append('\n');
            table(b, ReferenceRows.ECHO_HEADER, echo);
        }
        for (String note : ReferenceRows.notes(report)) {
            b.append("    ").append(note).append('\n');
        }
    }

    /** A header and rows, each column padded to its widest cell. */
    static void table(StringBuilder b, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(b, header, widths);
        for (List<String> row : rows) {
            line(b, row, widths);
        }
    }

    private static void line(StringBuilder b, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            // The first column reads left to right; figures line up on their last digit.
            b.append(i == 0 ? cell + pad : pad + cell).append(i == cells.size() - 1 ? "\n" : "  ");
        }
    }
}
