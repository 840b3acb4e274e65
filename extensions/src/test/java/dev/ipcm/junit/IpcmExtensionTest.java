package dev.ipcm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.junit.fixtures.ClassTemplateFixture;
import dev.ipcm.junit.fixtures.ClassTemplateLifecycleFixture;
import dev.ipcm.junit.fixtures.EchoFixtureTests;
import dev.ipcm.junit.fixtures.MethodTemplateFixture;
import dev.ipcm.junit.fixtures.ParallelFixture;
import dev.ipcm.junit.fixtures.PlainFixture;
import dev.ipcm.junit.fixtures.SanityFixture;
import dev.ipcm.junit.fixtures.UnreachableFixture;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class IpcmExtensionTest {
    /** Jupiter on the fixtures, limited to the protocols these tests know (others may be on the class path). */
    private static EngineTestKit.Builder jupiter() {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory,Twin,Unreachable");
    }

    @Test
    void methodTemplateRunsOncePerProtocolNamedAfterIt() {
        Events tests = jupiter().selectors(selectMethod(MethodTemplateFixture.class, "exchanges",
                "dev.ipcm.Store, dev.ipcm.spi.Protocol, dev.ipcm.Capabilities, dev.ipcm.Client, dev.ipcm.Client, dev.ipcm.Client"))
                .execute().testEvents();

        tests.assertThatEvents()
                .haveExactly(1, event(test(), displayName("[LocalMemory]"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("[Twin]"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("[Unreachable]"), skippedWithReason(r ->
                        r.contains("the unreachable server is not running") && r.contains("IPCM_UNREACHABLE_URL")
                                && r.contains("ipcm.unreachable.url") && r.contains("Docker"))));
    }

    @Test
    void injectedStoresAndClientsAreClosedByJUnit() {
        MethodTemplateFixture.STORES.clear();
        MethodTemplateFixture.CLIENTS.clear();
        jupiter().selectors(selectClass(MethodTemplateFixture.class)).execute();

        assertThat(MethodTemplateFixture.STORES).hasSize(2).allMatch(Store::isDestroyed);
        assertThat(new HashSet<>(MethodTemplateFixture.STORES.stream().map(Store::route).toList())).hasSize(2);
        assertThat(MethodTemplateFixture.CLIENTS).hasSize(4).allMatch(Client::isDisconnected);
    }

    @Test
    void namedProtocolsCapabilitiesAndUnknownNames() {
        Events tests = jupiter().selectors(selectClass(MethodTemplateFixture.class)).execute().testEvents();

        tests.assertThatEvents()
                .haveExactly(1, event(test("namedOnly"), displayName("[LocalMemory]"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsSuspend"), displayName("[LocalMemory]"), finishedSuccessfully()))
                .haveExactly(1, event(test("needsSuspend"), displayName("[Twin]"),
                        skippedWithReason(r -> r.contains("does not declare the capabilities [SUSPEND]"))))
                .haveExactly(1, event(test("unknown"), displayName("[NoSuchProtocol]"),
                        skippedWithReason(r -> r.contains("'NoSuchProtocol' is not on the test class path"))));
        assertThat(tests.filter(e -> e.getTestDescriptor().getDisplayName().equals("[Twin]")
                && e.getTestDescriptor().getUniqueId().toString().contains("namedOnly")).count()).isZero();
    }

    @Test
    void requiredProtocolThatCannotRunFails() {
        Events tests = jupiter().selectors(selectClass(UnreachableFixture.class))
                .configurationParameter(IpcmConfiguration.PROTOCOLS_REQUIRED, "Unreachable")
                .execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test(), displayName("[Unreachable]"),
                finishedWithFailure(instanceOf(ProtocolUnavailableException.class),
                        message(m -> m.contains("ipcm.protocols.required") && m.contains("not running")))));
    }

    @Test
    void requiredProtocolMissingFromTheSelectionIsStillRun() {
        Events tests = jupiter().selectors(selectClass(MethodTemplateFixture.class))
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory")
                .configurationParameter(IpcmConfiguration.PROTOCOLS_REQUIRED, "Ghost")
                .execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("exchanges"), displayName("[Ghost]"),
                finishedWithFailure(message(m -> m.contains("'Ghost' is not on the test class path")))));
    }

    @Test
    void configuredUrlLetsAServerProtocolRun() {
        Events tests = jupiter().selectors(selectClass(UnreachableFixture.class))
                .configurationParameter("ipcm.unreachable.url", "jdbc:fake://127.0.0.1/x")
                .execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test(), displayName("[Unreachable]"), finishedSuccessfully()));
        assertThat(UnreachableProtocol.LAST_URL).isEqualTo("jdbc:fake://127.0.0.1/x");
    }

    @Test
    void classTemplateRunsTheWholeClassPerProtocol() {
        ClassTemplateFixture.ROUTES.clear();
        EngineExecutionResults results = jupiter().selectors(selectClass(ClassTemplateFixture.class)).execute();

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(), displayName("[LocalMemory]"), finishedSuccessfully()))
                .haveExactly(1, event(container(), displayName("[Twin]"), finishedSuccessfully()));
        // per protocol: plain, 2 parameterized, 2 repeated, suspends (skipped on Twin), nested
        results.testEvents().assertStatistics(s -> s.started(13).succeeded(13).skipped(1).failed(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("suspends"),
                skippedWithReason(r -> r.startsWith("[Twin]") && r.contains("SUSPEND"))));
        assertThat(ClassTemplateFixture.ROUTES).hasSize(8);
        assertThat(new HashSet<>(ClassTemplateFixture.ROUTES.values())).as("each test gets a fresh store").hasSize(8);
    }

    @Test
    void classTemplateConstructorGetsTheStoreOfEachProtocol() {
        ClassTemplateLifecycleFixture.EVENTS.clear();
        jupiter().selectors(selectClass(ClassTemplateLifecycleFixture.class)).execute().testEvents()
                .assertStatistics(s -> s.started(4).succeeded(4));
        assertThat(ClassTemplateLifecycleFixture.EVENTS).as("constructor and test, per protocol, in order").containsExactly(
                "constructor:LocalMemory", "test:LocalMemory",
                "constructor:LocalMemory", "nestedBeforeAll:LocalMemory", "nested:LocalMemory",
                "constructor:Twin", "test:Twin", "constructor:Twin", "nestedBeforeAll:Twin", "nested:Twin");
    }

    @Test
    void classTemplateHooksRunOnceForAllProtocolsRefuseOneProtocolsValues() {
        ClassTemplateLifecycleFixture.EVENTS.clear();
        assertRefused(ClassTemplateLifecycleFixture.BeforeAllStore.class, "@BeforeAll method before()", "Store");
        assertRefused(ClassTemplateLifecycleFixture.AfterAllProtocol.class, "@AfterAll method after()", "Protocol");
        assertRefused(ClassTemplateLifecycleFixture.PerClassInstance.class, "constructor (@TestInstance(PER_CLASS))", "Store");
        assertThat(ClassTemplateLifecycleFixture.EVENTS).as("hooks given a value of some protocol").isEmpty();
    }

    private static void assertRefused(Class<?> fixture, String where, String type) {
        jupiter().selectors(selectClass(fixture)).execute().allEvents().assertThatEvents()
                .haveAtLeast(1, event(finishedWithFailure(instanceOf(ParameterResolutionException.class), message(m ->
                        m.contains("runs once per protocol, but its " + where + " runs once for all of them")
                                && m.contains("its " + type + " parameter (position 1) cannot be given one protocol's value")
                                && m.contains("a @BeforeEach method")))));
    }

    @Test
    void plainExtensionUsesAnnotationOrConfiguration() {
        jupiter().selectors(selectClass(PlainFixture.class)).execute().testEvents()
                .assertStatistics(s -> s.started(2).succeeded(2));
        jupiter().selectors(selectClass(PlainFixture.class))
                .configurationParameter(IpcmConfiguration.PROTOCOL, "Twin")
                .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void plainExtensionSkipsAnUnavailableProtocol() {
        jupiter().selectors(selectClass(PlainFixture.class))
                .configurationParameter(IpcmConfiguration.PROTOCOL, "Unreachable")
                .execute().containerEvents().assertThatEvents()
                .haveExactly(1, event(container(PlainFixture.class),
                        skippedWithReason(r -> r.contains("[Unreachable]") && r.contains("ipcm.unreachable.url"))));
    }

    @Test
    void unreadMessagesFailTheTestUnlessIgnored() {
        Events tests = jupiter().selectors(selectClass(SanityFixture.class)).execute().testEvents();

        tests.assertThatEvents()
                .haveExactly(1, event(test("leavesMessageUnread"), finishedWithFailure(
                        message(m -> m.contains("Messages sent vs received mismatch") && m.contains("+1 alice -> bob")))))
                .haveExactly(1, event(test("allowedToLeaveUnread"), finishedSuccessfully()))
                .haveExactly(1, event(test("readsEverything"), finishedSuccessfully()));
    }

    @Test
    void echoFixtureAnswersAndIsStoppedWithItsStore() {
        EchoFixtureTests.HANDLES.clear();
        jupiter().selectors(selectClass(EchoFixtureTests.class))
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory,MessageFiles")
                .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(EchoFixtureTests.HANDLES).hasSize(2)
                .allSatisfy(h -> assertThat(h.process().map(Process::isAlive).orElse(false)).isFalse());
        assertThat(EchoFixtureTests.HANDLES).anySatisfy(h -> assertThat(h.process()).isPresent());
    }

    @Test
    void parallelTestsGetTheirOwnStoresAndNames() {
        ParallelFixture.ROUTES.clear();
        jupiter().selectors(selectClass(ParallelFixture.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .execute().testEvents().assertStatistics(s -> s.started(12).succeeded(12));
        assertThat(ParallelFixture.ROUTES).hasSize(12);
        assertThat(ParallelFixture.THREADS.size()).isGreaterThan(1);
    }
}
