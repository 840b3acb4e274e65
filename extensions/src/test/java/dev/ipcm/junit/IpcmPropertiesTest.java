package dev.ipcm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.ipcm.Store;
import dev.ipcm.junit.fixtures.FailingPropertyFixture;
import dev.ipcm.junit.fixtures.PropertyFixture;
import dev.ipcm.junit.fixtures.RequiredPropertyFixture;
import dev.ipcm.junit.fixtures.RequiredWithoutCapabilityFixture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.junit.platform.testkit.engine.EventType;

/** The jqwik adapter, run through the jqwik engine as a user's build would run it. */
class IpcmPropertiesTest {
    // A fresh failure database per run, so no run replays another's failing sample.
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("jqwik").selectors(selectClass(fixture))
                .configurationParameter("jqwik.database", "target/jqwik-database-" + RUNS.incrementAndGet())
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .execute();
    }

    private static String reports(EngineExecutionResults results) {
        return results.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).map(ReportEntry::toString).orElse(""))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void propertyRunsOncePerProtocolWithAFreshStorePerTry() {
        PropertyFixture.TRIES.clear();
        PropertyFixture.STORES.clear();
        EngineExecutionResults results = run(PropertyFixture.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("delivers"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsSuspend"), finishedSuccessfully()));
        assertThat(PropertyFixture.TRIES).containsOnlyKeys("LocalMemory", "Twin");
        assertThat(PropertyFixture.TRIES.get("LocalMemory")).hasValue(5);
        assertThat(PropertyFixture.TRIES.get("Twin")).hasValue(5);
        assertThat(PropertyFixture.STORES).hasSize(10).allMatch(Store::isDestroyed)
                .extracting(Store::route).doesNotHaveDuplicates();
        String reports = reports(results);
        assertThat(reports).contains("[Unreachable] Unreachable cannot run here", "ipcm.unreachable.url", "{LocalMemory=5, Twin=5}");
        assertThat(reports).contains("[Twin] Twin does not declare the capabilities [SUSPEND]");
    }

    @Test
    void failureNamesTheProtocolShrinksAndPrintsTheSeed() {
        EngineExecutionResults results = run(FailingPropertyFixture.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("smallNumbersOnly"), finishedWithFailure(message(m -> m.startsWith("[LocalMemory]")))))
                .haveExactly(1, event(test("leavesUnread"), finishedWithFailure(
                        message(m -> m.contains("Messages sent vs received mismatch")))));
        String reports = reports(results);
        assertThat(reports).contains("seed");
        assertThat(reports).containsPattern("(?s)Sample.*arg0: 10\\b");
        // The sample is printed after the tries: injected parameters show the values last used.
        assertThat(reports).containsPattern("(?s)Sample.*arg1: \\S+").doesNotContain("No protocol is bound");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void seedParameterReplaysARun() {
        System.setProperty(IpcmConfiguration.PROPERTY_SEED, "42");
        try {
            String first = reports(run(FailingPropertyFixture.class));
            assertThat(first).contains("seed = 42");
        } finally {
            System.clearProperty(IpcmConfiguration.PROPERTY_SEED);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void unavailableProtocolAbortsOrFailsWhenRequired() {
        run(RequiredPropertyFixture.class).testEvents().assertThatEvents()
                .haveExactly(1, event(test("needsServer"), skippedWithReason(m -> m.contains("no protocol can run")
                        && m.contains("ipcm.unreachable.url"))));
        System.setProperty(IpcmConfiguration.PROTOCOLS_REQUIRED, "Unreachable");
        try {
            run(RequiredPropertyFixture.class).testEvents().assertThatEvents()
                    .haveExactly(1, event(test("needsServer"), finishedWithFailure(instanceOf(ProtocolUnavailableException.class))));
        } finally {
            System.clearProperty(IpcmConfiguration.PROTOCOLS_REQUIRED);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void requiredProtocolWithoutACapabilityIsSkippedAsInJupiter() {
        // Required only turns "cannot run here" into a failure; a missing capability is a skip, as @IpcmTest does.
        System.setProperty(IpcmConfiguration.PROTOCOLS_REQUIRED, "Twin");
        try {
            run(RequiredWithoutCapabilityFixture.class).testEvents().assertThatEvents()
                    .haveExactly(1, event(test("needsSuspend"), skippedWithReason(m -> m.contains("no protocol can run")
                            && m.contains("[Twin] Twin does not declare the capabilities [SUSPEND]"))));
        } finally {
            System.clearProperty(IpcmConfiguration.PROTOCOLS_REQUIRED);
        }
    }
}
