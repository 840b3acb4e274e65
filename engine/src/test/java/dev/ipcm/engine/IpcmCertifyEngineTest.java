package dev.ipcm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.ipcm.engine.fixtures.ConnectionsFixture;
import dev.ipcm.engine.fixtures.DuplicatingProtocol;
import dev.ipcm.engine.fixtures.ConstructorStoreFixture;
import dev.ipcm.engine.fixtures.ConstructorSuite;
import dev.ipcm.engine.fixtures.FixtureSuite;
import dev.ipcm.engine.fixtures.HangingSuite;
import dev.ipcm.engine.fixtures.MessagingFixture;
import dev.ipcm.engine.fixtures.OrderPropertyFixture;
import dev.ipcm.engine.fixtures.UnavailableProtocol;
import dev.ipcm.engine.fixtures.certify.LocalMemoryCertification;
import dev.ipcm.junit.IpcmConfiguration;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** The engine run through EngineTestKit, once per selector kind, on the fixture suite and fixture plugins. */
class IpcmCertifyEngineTest {
    private static final UniqueId ENGINE = UniqueId.forEngine(IpcmCertifyEngine.ENGINE_ID);
    private static final UniqueId LOCAL_MEMORY = ENGINE.append("protocol", "LocalMemory");

    private static EngineTestKit.Builder kit() {
        return EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(CertifyParameters.SUITE, FixtureSuite.class.getName())
                .configurationParameter(CertifyParameters.TRIES, "5");
    }

    private static EngineExecutionResults run(DiscoverySelector... selectors) {
        return kit().selectors(selectors).execute();
    }

    @Test
    void annotatedClassCertifiesItsProtocolsWithEveryScenario() {
        EngineExecutionResults results = run(selectClass(LocalMemoryCertification.class));

        assertThat(names(results, EventType.STARTED, true)).containsExactly("LocalMemory", "MessagingFixture",
                "OrderPropertyFixture");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(results.testEvents().failed().count()).isZero();
        assertThat(skipReason(results, "ConnectionsFixture"))
                .isEqualTo("not applicable: needs CONNECTIONS, which LocalMemory does not declare");
    }

    /** What build tools file reports under: the class that asked, and a case's class naming scenario and protocol. */
    @Test
    void reportsNameTheAskingClassTheScenarioAndTheProtocol() {
        EngineExecutionResults asked = run(selectClass(LocalMemoryCertification.class));
        EngineExecutionResults plugin = run(selectClass(DuplicatingProtocol.class));

        assertThat(descriptor(asked, "LocalMemory").getSource()).contains(ClassSource.from(LocalMemoryCertification.class));
        assertThat(descriptor(asked, "MessagingFixture").getLegacyReportingName()).isEqualTo("MessagingFixture[LocalMemory]");
        assertThat(descriptor(plugin, "DuplicatingProtocol").getSource()).contains(ClassSource.from(DuplicatingProtocol.class));
    }

    private static TestDescriptor descriptor(EngineExecutionResults results, String name) {
        return results.containerEvents().started().stream().map(Event::getTestDescriptor)
                .filter(d -> d.getDisplayName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void propertiesReportTheirTriesAndSeed() {
        EngineExecutionResults results = run(selectUniqueId(LOCAL_MEMORY.append("scenario",
                OrderPropertyFixture.class.getName())));

        Event property = results.testEvents().reportingEntryPublished().stream().findFirst().orElseThrow();
        String entry = property.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                .getKeyValuePairs().toString();
        assertThat(entry).contains("tries = 5").containsPattern("seed = -?\\d+");
        assertThat(property.getTestDescriptor().getDisplayName()).isEqualTo("arriveInOrder");
    }

    @Test
    void pluginClassSelectorCertifiesThatPluginAndCatchesItsFault() {
        EngineExecutionResults results = run(selectClass(DuplicatingProtocol.class));

        assertThat(names(results, EventType.STARTED, true)).first().isEqualTo("DuplicatingProtocol");
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("deliversEachMessageOnce(Store)", "arriveInOrder");
        assertThat(failed.get(0).getTestDescriptor().getUniqueId().getSegments().get(1).getValue())
                .isEqualTo("+" + DuplicatingProtocol.class.getName());
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void scenarioClassSelectorRunsThatScenarioForTheConfiguredProtocols() {
        EngineExecutionResults results = kit().configurationParameter(IpcmConfiguration.PROTOCOLS,
                "LocalMemory, +" + DuplicatingProtocol.class.getName())
                .selectors(selectClass(MessagingFixture.class)).execute();

        assertThat(names(results, EventType.STARTED, false)).containsExactly("LocalMemory", "MessagingFixture",
                "DuplicatingProtocol", "MessagingFixture");
        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(results.testEvents().failed().count()).isEqualTo(1);
    }

    @Test
    void classLevelScenarioConstructorGetsTheStoreOfTheCertifiedProtocol() {
        EngineExecutionResults results = kit().configurationParameter(CertifyParameters.SUITE, ConstructorSuite.class.getName())
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "MessageFiles")
                .selectors(selectClass(ConstructorStoreFixture.class)).execute();

        assertThat(names(results, EventType.STARTED, true)).first().isEqualTo("MessageFiles");
        assertThat(results.testEvents().failed().list()).as("failed cases").isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void methodSelectorRunsOneTestOfTheScenario() {
        EngineExecutionResults results = kit().configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory")
                .selectors(selectMethod(MessagingFixture.class, "refusesAnInvalidName",
                        "dev.ipcm.Store"))
                .execute();

        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("refusesAnInvalidName(Store)");
        assertThat(results.testEvents().started().count()).isEqualTo(1);
    }

    @Test
    void packageSelectorFindsAnnotatedClasses() {
        EngineExecutionResults results = run(selectPackage(LocalMemoryCertification.class.getPackageName()));

        assertThat(names(results, EventType.STARTED, true)).containsExactly("LocalMemory", "MessagingFixture",
                "OrderPropertyFixture");
    }

    @Test
    void classpathRootSelectorFindsAnnotatedAndScenarioClassesButNotPluginClasses() throws URISyntaxException {
        Path root = Path.of(LocalMemoryCertification.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        EngineExecutionResults results = run(selectClasspathRoots(Set.of(root)).toArray(new DiscoverySelector[0]));

        // The fixture plugins (DuplicatingProtocol, UnavailableProtocol) live in this root too, but
        // only a selector that names them certifies them.
        assertThat(results.containerEvents().started().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .contains("LocalMemory").doesNotContain("DuplicatingProtocol", "UnavailableProtocol");
        assertThat(results.testEvents().failed().count()).isZero();
    }

    @Test
    void uniqueIdOfOneCaseRerunsExactlyThatCase() {
        EngineExecutionResults first = run(selectUniqueId(LOCAL_MEMORY.append("scenario", MessagingFixture.class.getName())));
        UniqueId caseId = first.testEvents().succeeded().list().stream()
                .map(e -> e.getTestDescriptor().getUniqueId())
                .filter(id -> id.toString().contains("refusesAnInvalidName")).findFirst().orElseThrow();

        EngineExecutionResults again = run(selectUniqueId(caseId));

        assertThat(again.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getUniqueId())
                .containsExactly(caseId);
    }

    @Test
    void engineUniqueIdCertifiesEveryProtocolOnTheClassPath() {
        // Discovery only: running every protocol (databases included) is the CLI tests' business.
        var engine = kit().selectors(selectUniqueId(ENGINE)).discover().getEngineDescriptor();

        assertThat(engine.getChildren()).extracting(d -> d.getDisplayName())
                .containsExactlyElementsOf(dev.ipcm.spi.Protocols.all().keySet());
        assertThat(engine.getChildren()).allSatisfy(p -> assertThat(p.getChildren()).hasSize(3));
    }

    @Test
    void unavailablePluginIsSkippedWithItsReasonAndRemedy() {
        EngineExecutionResults results = run(selectClass(UnavailableProtocol.class));

        assertThat(skipReason(results, "UnavailableProtocol")).isEqualTo(
                "protocol UnavailableProtocol is unavailable: the fixture server is not running (start the fixture server)");
        assertThat(results.testEvents().count()).isZero();
    }

    @Test
    void unavailablePluginThatIsRequiredFails() {
        EngineExecutionResults results = kit().configurationParameter(IpcmConfiguration.PROTOCOLS_REQUIRED, "UnavailableProtocol")
                .selectors(selectClass(UnavailableProtocol.class)).execute();

        Event failed = results.containerEvents().failed().list().get(0);
        assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("UnavailableProtocol");
        assertThat(failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .hasMessageContaining("the fixture server is not running")
                .hasMessageContaining(IpcmConfiguration.PROTOCOLS_REQUIRED);
    }

    @Test
    void unknownProtocolNameIsADiscoveryIssue() {
        List<DiscoveryIssue> issues = kit().configurationParameter(IpcmConfiguration.PROTOCOLS, "NoSuchStore")
                .selectors(selectClass(MessagingFixture.class)).discover().getDiscoveryIssues();

        assertThat(issues).hasSize(1);
        assertThat(issues.get(0).severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
        assertThat(issues.get(0).message()).contains("'NoSuchStore'").contains(IpcmConfiguration.PROTOCOLS)
                .contains("known protocols");
    }

    @Test
    void annotationOutranksTheConfiguredProtocols() {
        EngineExecutionResults results = kit().configurationParameter(IpcmConfiguration.PROTOCOLS, "MessageFiles")
                .configurationParameter(CertifyParameters.GROUPS, "messaging")
                .selectors(selectClass(LocalMemoryCertification.class)).execute();

        assertThat(names(results, EventType.STARTED, true)).containsExactly("LocalMemory", "MessagingFixture");
    }

    @Test
    void scenarioStuckPastTheDeadlineFailsWithTheStuckStackAndKeepsWhatFinished() {
        EngineExecutionResults results = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(CertifyParameters.SUITE, HangingSuite.class.getName())
                .configurationParameter(CertifyParameters.TIMEOUT, "1s")
                .selectors(selectUniqueId(LOCAL_MEMORY)).execute();

        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("finishes()");
        Event scenario = results.containerEvents().failed().list().get(0);
        Throwable timeout = scenario.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(timeout).hasMessageStartingWith("Scenario HangingFixture on LocalMemory did not finish within 1 s")
                .hasMessageContaining(CertifyParameters.TIMEOUT);
        assertThat(timeout.getStackTrace()).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("hangs"));
    }

    @Test
    void badTimeoutFailsTheScenarioSayingWhatIsExpected() {
        EngineExecutionResults results = kit().configurationParameter(CertifyParameters.TIMEOUT, "soon")
                .selectors(selectUniqueId(LOCAL_MEMORY.append("scenario", MessagingFixture.class.getName()))).execute();

        Throwable t = results.containerEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(t).hasMessage(CertifyParameters.TIMEOUT
                + " must be a positive duration such as 180s, 3m, 500ms or PT3M, got 'soon'");
    }

    @Test
    void missingSuiteIsADiscoveryIssue() {
        List<DiscoveryIssue> issues = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(CertifyParameters.SUITE, "com.example.NoSuchSuite")
                .selectors(selectClass(LocalMemoryCertification.class)).discover().getDiscoveryIssues();

        assertThat(issues).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("com.example.NoSuchSuite").contains(CertifyParameters.SUITE));
    }

    @Test
    void unrelatedClassesAreLeftToOtherEngines() {
        EngineExecutionResults results = run(selectClass(IpcmCertifyEngineTest.class));

        assertThat(results.allEvents().count()).isEqualTo(2); // the engine started and finished, nothing else
        assertThat(kit().selectors(selectClass(String.class)).discover().getDiscoveryIssues()).isEmpty();
    }

    @Test
    void groupsParameterLimitsTheScenarios() {
        EngineExecutionResults results = kit().configurationParameter(CertifyParameters.GROUPS, "properties")
                .selectors(selectClass(LocalMemoryCertification.class)).execute();

        assertThat(names(results, EventType.STARTED, true)).containsExactly("LocalMemory", "OrderPropertyFixture");
        assertThat(ConnectionsFixture.class).isNotNull();
    }

    /** Display names of containers with the given event, in order. */
    private static List<String> names(EngineExecutionResults results, EventType type, boolean distinct) {
        var stream = results.containerEvents().stream().filter(e -> e.getType() == type)
                .map(e -> e.getTestDescriptor().getDisplayName())
                .filter(n -> !n.equals("ipcm certification"));
        return distinct ? stream.distinct().collect(Collectors.toList()) : stream.collect(Collectors.toList());
    }

    private static String skipReason(EngineExecutionResults results, String displayName) {
        return results.allEvents().skipped().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
                .map(e -> e.getRequiredPayload(String.class)).findFirst().orElseThrow();
    }
}
