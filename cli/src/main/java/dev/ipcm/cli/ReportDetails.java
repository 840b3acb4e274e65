package dev.ipcm.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What a certification report says beside the verdicts: when, on what, and how long each part took. */
final class ReportDetails {
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss z", Locale.ENGLISH);

    private ReportDetails() {}

    /** The run's time for people, in this machine's time zone: {@code Sun 6 Dec 2026, 12:40:03 UTC}. */
    static String humanTime(Instant when) {
        return HUMAN.format(when.atZone(ZoneId.systemDefault()));
    }

    /** The ipcm, Java and operating-system versions the run used. */
    static void environment(ObjectNode root, Instant when) {
        root.put("generatedLocal", humanTime(when));
        ObjectNode env = root.putObject("environment");
        env.put("ipcm", VersionProvider.projectVersion());
        env.put("java", Runtime.version().toString());
        env.put("javaVendor", System.getProperty("java.vendor", ""));
        env.put("os", os());
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    /** The HTML line under the title. */
    static String htmlEnvironment(Instant when) {
        return "<p>Run " + esc(humanTime(when)) + " with ipcm " + esc(VersionProvider.projectVersion()) + ", Java "
                + esc(Runtime.version().toString()) + ", " + esc(os()) + ".</p>\n";
    }

    /** A table of how long each protocol and each of its scenarios took. */
    static String htmlDurations(Certification c) {
        StringBuilder b = new StringBuilder("<h2>Durations</h2>\n<table><tr><th>protocol</th><th>scenario</th><th>time</th></tr>\n");
        for (Certification.Protocol p : c.protocols.values()) {
            b.append("<tr><th>").append(esc(p.name)).append("</th><th>all</th><td>").append(seconds(p.millis))
                    .append("</td></tr>\n");
            for (Certification.Scenario s : p.scenarios.values()) {
                b.append("<tr><td></td><td>").append(esc(s.name)).append("</td><td>").append(seconds(s.millis))
                        .append("</td></tr>\n");
            }
        }
        return b.append("</table>\n").toString();
    }

    /** Milliseconds as seconds for people; {@code -} when the part did not run. */
    static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
