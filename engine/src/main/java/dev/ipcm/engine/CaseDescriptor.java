package dev.ipcm.engine;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;

/**
 * One test or property a scenario ran, replayed into the certification tree with the outcome
 * and report entries (jqwik's tries and seed) it had in the inner run.
 */
final class CaseDescriptor extends AbstractTestDescriptor implements Node<CertifyContext> {
    private final TestExecutionResult result;
    private final String skipReason;
    private final List<ReportEntry> entries;

    private CaseDescriptor(UniqueId uniqueId, String displayName, TestSource source, TestExecutionResult result,
            String skipReason, List<ReportEntry> entries) {
        super(uniqueId, displayName, source);
        this.result = result;
        this.skipReason = skipReason;
        this.entries = List.copyOf(entries);
    }

    static CaseDescriptor finished(UniqueId id, String name, TestSource source, TestExecutionResult result,
            List<ReportEntry> entries) {
        return new CaseDescriptor(id, name, source, result, null, entries);
    }

    static CaseDescriptor skipped(UniqueId id, String name, TestSource source, String reason) {
        return new CaseDescriptor(id, name, source, null, reason, List.of());
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public SkipResult shouldBeSkipped(CertifyContext context) {
        return skipReason == null ? SkipResult.doNotSkip() : SkipResult.skip(skipReason);
    }

    @Override
    public CertifyContext execute(CertifyContext context, DynamicTestExecutor dynamic) {
        entries.forEach(e -> context.listener().reportingEntryPublished(this, e));
        switch (result.getStatus()) {
            case SUCCESSFUL:
                return context;
            case ABORTED:
                throw CaseDescriptor.<RuntimeException>rethrow(
                        result.getThrowable().orElseGet(() -> new TestAbortedException("aborted")));
            default:
                throw CaseDescriptor.<RuntimeException>rethrow(
                        result.getThrowable().orElseGet(() -> new AssertionError("failed without an exception")));
        }
    }

    /** Throws the inner run's own throwable, checked or not, so reports show it unchanged. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
