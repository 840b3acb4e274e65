package dev.ipcm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.IpcmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a certification as {@code certification.json} and {@code certification.html}: the
 * matrix (in colour, in HTML), every failure with its message and replay seed, every seed used.
 * The HTML page carries its own styles and nothing else, so it can be mailed or archived alone.
 */
final class CertificationReports {
    static final String JSON_FILE = "certification.json";
    static final String HTML_FILE = "certification.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CertificationReports() {}

    /** Writes both reports into {@code dir}, creating it; returns their paths. */
    static List<Path> write(Certification c, Path dir, Instant when) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(JSON_FILE);
            Path html = dir.resolve(HTML_FILE);
            Files.write(json, MAPPER.writeValueAsBytes(json(c, when)));
            Files.write(html, html(c, when).getBytes(StandardCharsets.UTF_8));
            return List.of(html, json);
        } catch (IOException e) {
            throw new IpcmException("Cannot write the certification report into '" + dir + "': " + e.getMessage()
                    + "; choose a writable directory with --report", e);
        }
    }

    static ObjectNode json(Certification c, Instant when) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generated", when.toString());
        root.put("passed", !c.failed());
        ReportDetails.environment(root, when);
        ArrayNode groups = root.putArray("groups");
        c.groups().forEach(groups::add);
        ArrayNode errors = root.putArray("errors");
        c.errors.forEach(errors::add);
        ArrayNode protocols = root.putArray("protocols");
        for (Certification.Protocol p : c.protocols.values()) {
            ObjectNode pn = protocols.addObject();
            pn.put("name", p.name);
            pn.put("status", p.failed() ? "fail" : !p.skipped.isEmpty() ? "skipped" : "pass");
            pn.put("durationMillis", p.millis);
            if (!p.skipped.isEmpty()) {
                pn.put("reason", p.skipped);
            }
            if (!p.error.isEmpty()) {
                pn.put("error", p.error);
            }
            ObjectNode cells = pn.putObject("matrix");
            for (String g : c.groups()) {
                Certification.Cell cell = p.cell(g);
                ObjectNode cn = cells.putObject(g);
                cn.put("status", status(cell.verdict()));
                if (!cell.reason().isEmpty()) {
                    cn.put("reason", cell.reason());
                }
            }
            ArrayNode scenarios = pn.putArray("scenarios");
            for (Certification.Scenario s : p.scenarios.values()) {
                ObjectNode sn = scenarios.addObject();
                sn.put("name", s.name);
                sn.put("group", s.group);
                sn.put("status", status(s.verdict));
                sn.put("durationMillis", s.millis);
                if (!s.reason.isEmpty()) {
                    sn.put("reason", s.reason);
                }
                ArrayNode cases = sn.putArray("cases");
                for (Certification.Case k : s.cases) {
                    ObjectNode kn = cases.addObject();
                    kn.put("name", k.name());
                    kn.put("status", status(k.verdict()));
                    if (!k.message().isEmpty()) {
                        kn.put("message", k.message());
                    }
                    if (!k.seed().isEmpty()) {
                        kn.put("seed", k.seed());
                        kn.put("replay", Replay.command(p.name, k.seed()));
                    }
                    if (!k.tries().isEmpty()) {
                        kn.put("tries", Integer.parseInt(k.tries()));
                    }
                }
            }
        }
        return root;
    }

    private static String status(Certification.Verdict v) {
        return switch (v) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case SKIPPED -> "skipped";
            case NOT_APPLICABLE -> "not-applicable";
        };
    }

    static String html(Certification c, Instant when) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ipcm certification</title>\n")
                .append("<style>\nbody{font-family:sans-serif;margin:2em;color:#222}\n")
                .append("table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3em .7em;text-align:left}\n")
                .append("td.pass{background:#c8ecc8}td.fail{background:#f4b4b4;font-weight:bold}")
                .append("td.skipped{background:#f6e7a8}td.not-applicable{background:#ddd;color:#555}\n")
                .append("pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}.verdict{font-size:1.3em}\n")
                .append("</style></head><body>\n<h1>ipcm certification</h1>\n<p>Generated ").append(esc(when.toString()))
                .append(". <span class=\"verdict\">").append(c.failed() ? "<b>FAILED</b>" : "<b>PASSED</b>")
                .append("</span></p>\n").append(ReportDetails.htmlEnvironment(when));
        for (String e : c.errors) {
            b.append("<pre>").append(esc(e)).append("</pre>\n");
        }
        b.append("<h2>Matrix</h2>\n<table><tr><th>protocol</th>");
        c.groups().forEach(g -> b.append("<th>").append(esc(g)).append("</th>"));
        b.append("</tr>\n");
        for (Certification.Protocol p : c.protocols.values()) {
            b.append("<tr><th>").append(esc(p.name)).append("</th>");
            for (String g : c.groups()) {
                Certification.Cell cell = p.cell(g);
                b.append("<td class=\"").append(status(cell.verdict())).append("\" title=\"").append(esc(cell.reason()))
                        .append("\">").append(esc(cell.verdict().label));
                if (!cell.reason().isEmpty() && cell.verdict() != Certification.Verdict.FAIL) {
                    b.append("<br><small>").append(esc(cell.reason())).append("</small>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n").append(ReportDetails.htmlDurations(c)).append("<h2>Failures</h2>\n");
        boolean any = false;
        for (Certification.Protocol p : c.protocols.values()) {
            if (!p.error.isEmpty()) {
                any = true;
                b.append("<h3>").append(esc(p.name)).append("</h3>\n<pre>").append(esc(p.error)).append("</pre>\n");
            }
            for (Certification.Scenario s : p.scenarios.values()) {
                if (s.verdict == Certification.Verdict.FAIL && !s.reason.isEmpty()) {
                    any = true;
                    b.append("<h3>").append(esc(p.name + " / " + s.name)).append("</h3>\n<pre>").append(esc(s.reason))
                            .append("</pre>\n");
                }
                for (Certification.Case k : s.cases) {
                    if (k.verdict() == Certification.Verdict.FAIL) {
                        any = true;
                        b.append("<h3>").append(esc(p.name + " / " + s.name + " / " + k.name())).append("</h3>\n");
                        if (!k.seed().isEmpty()) {
                            b.append("<p>Replay seed: <code>").append(esc(k.seed())).append("</code> (<code>")
                                    .append(esc(Replay.command(p.name, k.seed()))).append("</code>)</p>\n");
                        }
                        b.append("<pre>").append(esc(k.message())).append("</pre>\n");
                    }
                }
            }
        }
        if (!any) {
            b.append("<p>None.</p>\n");
        }
        b.append("<h2>Seeds</h2>\n<ul>\n");
        c.seeds().forEach(s -> b.append("<li><code>").append(esc(s)).append("</code></li>\n"));
        b.append("</ul>\n</body></html>\n");
        return b.toString();
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
