package dev.ipcm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@code ipcm certify} run found: per protocol, per scenario, per case. Filled by
 * {@link CertificationListener}, read by the matrix and the report writers.
 */
final class Certification {
    /** The state of one matrix cell, scenario or protocol. */
    enum Verdict {
        PASS("pass"), FAIL("FAIL"), SKIPPED("skipped"), NOT_APPLICABLE("n/a");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** One test or property a scenario ran. */
    record Case(String name, Verdict verdict, String message, String seed, String tries) {}

    /** One scenario run against one protocol. */
    static final class Scenario {
        final String name;
        final String group;
        Verdict verdict = Verdict.PASS;
        String reason = "";
        /** How long it ran; -1 when it did not. */
        long millis = -1;
        final List<Case> cases = new ArrayList<>();

        Scenario(String name, String group) {
            this.name = name;
            this.group = group;
        }
    }

    /** One protocol and its scenarios. */
    static final class Protocol {
        final String name;
        /** Why the protocol did not run at all (unavailable), or empty. */
        String skipped = "";
        /** Why the protocol node itself failed (a required protocol that is unavailable), or empty. */
        String error = "";
        /** How long it ran; -1 when it did not. */
        long millis = -1;
        final Map<String, Scenario> scenarios = new LinkedHashMap<>();

        Protocol(String name) {
            this.name = name;
        }

        /** The cell of a group: any failure fails it; else any pass passes it; else it is skipped or not applicable. */
        Cell cell(String group) {
            if (!error.isEmpty()) {
                return new Cell(Verdict.FAIL, error);
            }
            if (!skipped.isEmpty()) {
                return new Cell(Verdict.SKIPPED, skipped);
            }
            List<Scenario> in = scenarios.values().stream().filter(s -> s.group.equals(group)).toList();
            for (Verdict v : List.of(Verdict.FAIL, Verdict.PASS, Verdict.SKIPPED, Verdict.NOT_APPLICABLE)) {
                for (Scenario s : in) {
                    if (s.verdict == v) {
                        return new Cell(v, v == Verdict.FAIL || v == Verdict.PASS ? "" : s.reason);
                    }
                }
            }
            return new Cell(Verdict.NOT_APPLICABLE, "no scenario of this group ran");
        }

        boolean failed() {
            return !error.isEmpty() || scenarios.values().stream().anyMatch(s -> s.verdict == Verdict.FAIL);
        }
    }

    /** One cell of the matrix. */
    record Cell(Verdict verdict, String reason) {}

    final Map<String, Protocol> protocols = new LinkedHashMap<>();
    /** Problems of the run as a whole (a discovery issue, an engine failure). */
    final List<String> errors = new ArrayList<>();

    Protocol protocol(String name) {
        return protocols.computeIfAbsent(name, Protocol::new);
    }

    /** Every group, in the order first seen. */
    Set<String> groups() {
        Set<String> out = new LinkedHashSet<>();
        protocols.values().forEach(p -> p.scenarios.values().forEach(s -> out.add(s.group)));
        return out;
    }

    /** Whether the run failed: a protocol that ran failed, or the run itself broke. */
    boolean failed() {
        return !errors.isEmpty() || protocols.values().stream().anyMatch(Protocol::failed);
    }

    /** Every case that reported a seed, as "protocol / scenario / case: seed". */
    List<String> seeds() {
        List<String> out = new ArrayList<>();
        protocols.values().forEach(p -> p.scenarios.values().forEach(s -> s.cases.forEach(c -> {
            if (!c.seed().isEmpty()) {
                out.add(p.name + " / " + s.name + " / " + c.name() + ": seed " + c.seed()
                        + (c.tries().isEmpty() ? "" : ", " + c.tries() + " tries"));
            }
        })));
        return out;
    }
}
