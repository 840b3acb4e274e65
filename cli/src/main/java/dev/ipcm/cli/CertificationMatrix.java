package dev.ipcm.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The certification matrix as text: one row per protocol, one column per scenario group, and
 * numbered notes giving the reason of every skipped or not-applicable cell.
 */
final class CertificationMatrix {
    private CertificationMatrix() {}

    static List<String> lines(Certification c) {
        List<String> groups = new ArrayList<>(c.groups());
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("protocol");
        header.addAll(groups);
        rows.add(header);
        List<String> notes = new ArrayList<>();
        for (Certification.Protocol p : c.protocols.values()) {
            List<String> row = new ArrayList<>();
            row.add(p.name);
            if (groups.isEmpty()) {
                row.add(p.skipped.isEmpty() ? p.error : "skipped");
            }
            for (String g : groups) {
                Certification.Cell cell = p.cell(g);
                String text = cell.verdict().label;
                if (!cell.reason().isEmpty() && cell.verdict() != Certification.Verdict.FAIL) {
                    // One note per distinct reason: an unavailable protocol says why once, not per group.
                    if (!notes.contains(cell.reason())) {
                        notes.add(cell.reason());
                    }
                    text += " [" + (notes.indexOf(cell.reason()) + 1) + "]";
                }
                row.add(text);
            }
            rows.add(row);
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                b.append(String.format("%-" + (width[i] + 2) + "s", r.get(i)));
            }
            out.add(b.toString().stripTrailing());
        }
        for (int i = 0; i < notes.size(); i++) {
            out.add("[" + (i + 1) + "] " + notes.get(i));
        }
        return out;
    }
}
