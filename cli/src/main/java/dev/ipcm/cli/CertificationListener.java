package dev.ipcm.cli;

import dev.ipcm.engine.CertifyTree;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Follows a certification run: fills a {@link Certification} and prints one progress line per
 * finished scenario (and per skipped protocol) on standard error.
 */
final class CertificationListener implements TestExecutionListener {
    private static final Pattern SEED = Pattern.compile("seed\\s*=\\s*(-?\\d+)");
    private static final Pattern TRIES = Pattern.compile("tries\\s*=\\s*(\\d+)");

    private final Certification result = new Certification();
    private final PrintWriter progress;
    private final Map<String, StringBuilder> entries = new HashMap<>();
    private final Map<String, Long> started = new HashMap<>();
    private TestPlan plan;

    CertificationListener(PrintWriter progress) {
        this.progress = progress;
    }

    Certification result() {
        return result;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entries.computeIfAbsent(id.getUniqueId(), k -> new StringBuilder()).append(entry.getKeyValuePairs().values()).append('\n');
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
        if (kind(id).equals(CertifyTree.PROTOCOL)) {
            protocolOf(id);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        switch (kind(id)) {
            case "protocol" -> {
                protocolOf(id).skipped = reason;
                line(protocolName(id) + ": skipped, " + reason);
            }
            case "scenario" -> {
                Certification.Scenario s = scenarioOf(id);
                s.verdict = reason.startsWith(CertifyTree.NOT_APPLICABLE) ? Certification.Verdict.NOT_APPLICABLE
                        : Certification.Verdict.SKIPPED;
                s.reason = reason;
                line(protocolName(id) + " / " + s.name + ": " + s.verdict.label + " (" + reason + ")");
            }
            case "case" -> scenarioOf(parent(id)).cases.add(new Certification.Case(id.getDisplayName(),
                    Certification.Verdict.SKIPPED, reason, "", ""));
            default -> { }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult outcome) {
        String kind = kind(id);
        String message = outcome.getThrowable().map(CertificationListener::describe).orElse("");
        if (kind.isEmpty()) {
            if (id.getParentId().isEmpty() && outcome.getStatus() == TestExecutionResult.Status.FAILED) {
                result.errors.add(message);
            }
            return;
        }
        switch (kind) {
            case "protocol" -> {
                protocolOf(id).millis = millisSince(id);
                if (outcome.getStatus() == TestExecutionResult.Status.FAILED) {
                    protocolOf(id).error = message;
                    line(protocolName(id) + ": FAILED, " + message);
                }
            }
            case "scenario" -> finishScenario(id, outcome, message);
            case "case" -> {
                String text = entries.getOrDefault(id.getUniqueId(), new StringBuilder()).toString() + "\n" + message;
                scenarioOf(parent(id)).cases.add(new Certification.Case(id.getDisplayName(), verdict(outcome), message,
                        find(SEED, text), find(TRIES, text)));
            }
            default -> { }
        }
    }

    private void finishScenario(TestIdentifier id, TestExecutionResult outcome, String message) {
        Certification.Scenario s = scenarioOf(id);
        s.millis = millisSince(id);
        List<Certification.Case> cases = s.cases;
        if (outcome.getStatus() == TestExecutionResult.Status.FAILED) {
            s.verdict = Certification.Verdict.FAIL;
            s.reason = message;
        } else if (outcome.getStatus() == TestExecutionResult.Status.ABORTED) {
            s.verdict = Certification.Verdict.SKIPPED;
            s.reason = message;
        } else if (cases.stream().anyMatch(c -> c.verdict() == Certification.Verdict.FAIL)) {
            s.verdict = Certification.Verdict.FAIL;
        } else if (cases.stream().noneMatch(c -> c.verdict() == Certification.Verdict.PASS)) {
            s.verdict = Certification.Verdict.SKIPPED;
            s.reason = cases.isEmpty() ? "nothing ran" : cases.get(0).message();
        }
        long failed = cases.stream().filter(c -> c.verdict() == Certification.Verdict.FAIL).count();
        line(protocolName(id) + " / " + s.name + ": " + s.verdict.label + " (" + cases.size()
                + (cases.size() == 1 ? " test" : " tests")
                + (failed > 0 ? ", " + failed + " failed" : "") + ")");
    }

    private long millisSince(TestIdentifier id) {
        Long start = started.remove(id.getUniqueId());
        return start == null ? -1 : (System.nanoTime() - start) / 1_000_000;
    }

    private static Certification.Verdict verdict(TestExecutionResult outcome) {
        return switch (outcome.getStatus()) {
            case SUCCESSFUL -> Certification.Verdict.PASS;
            case ABORTED -> Certification.Verdict.SKIPPED;
            case FAILED -> Certification.Verdict.FAIL;
        };
    }

    private Certification.Protocol protocolOf(TestIdentifier id) {
        return result.protocol(protocolName(id));
    }

    private Certification.Scenario scenarioOf(TestIdentifier id) {
        Certification.Protocol p = protocolOf(id);
        String group = CertifyTree.group(id.getTags()).orElse("other");
        return p.scenarios.computeIfAbsent(id.getUniqueId(), k -> new Certification.Scenario(id.getDisplayName(), group));
    }

    private TestIdentifier parent(TestIdentifier id) {
        return plan.getParent(id).orElseThrow();
    }

    /** The display name of the protocol node above (or at) a node. */
    private String protocolName(TestIdentifier id) {
        TestIdentifier at = id;
        while (!kind(at).equals(CertifyTree.PROTOCOL)) {
            Optional<TestIdentifier> up = plan.getParent(at);
            if (up.isEmpty()) {
                return "?";
            }
            at = up.get();
        }
        return at.getDisplayName();
    }

    private static String kind(TestIdentifier id) {
        return CertifyTree.kind(UniqueId.parse(id.getUniqueId())).orElse("");
    }

    private void line(String text) {
        ConsoleColumn.printLine(progress, "ipcm certify: " + text);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip());
    }
}
