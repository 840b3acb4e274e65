package dev.ipcm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ipcm.conformance.ConformanceSuite;
import dev.ipcm.conformance.CrossProcessScenarios;
import dev.ipcm.conformance.MessagingScenarios;
import dev.ipcm.engine.fixtures.certify.LocalMemoryCertification;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The engine on the real conformance suite: its default. */
class ConformanceCertificationTest {
    @Test
    void defaultSuiteIsTheConformanceSuiteWithGroupsAndClassLevelCapabilities() {
        List<ScenarioSpec> specs = new ConformanceScenarios().scenarios();

        assertThat(specs).extracting(ScenarioSpec::type).containsExactlyElementsOf(ConformanceSuite.classes());
        assertThat(specs).filteredOn(s -> s.type() == MessagingScenarios.class).singleElement()
                .satisfies(s -> assertThat(s.group()).isEqualTo("messaging"))
                .satisfies(s -> assertThat(s.requires()).isEmpty());
        assertThat(specs).filteredOn(s -> s.type() == CrossProcessScenarios.class).singleElement()
                .satisfies(s -> assertThat(s.requires()).containsExactly(Capability.CROSS_PROCESS));
    }

    @Test
    void certifiesLocalMemoryOnTheConformanceSuite() {
        EngineExecutionResults results = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(CertifyParameters.GROUPS, "messaging,cross-process")
                .configurationParameter(CertifyParameters.TRIES, "3")
                .selectors(selectClass(LocalMemoryCertification.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .contains("generic(Store)", "inOrder(Client, Client)", "badNames(Store, Client)");
        assertThat(results.containerEvents().skipped().list())
                .extracting(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getRequiredPayload(String.class))
                .containsExactlyInAnyOrder(
                        "CrossProcessScenarios: not applicable: needs CROSS_PROCESS, which LocalMemory does not declare",
                        "CrossProcessProperties: not applicable: needs CROSS_PROCESS, which LocalMemory does not declare");
    }

    @Test
    void oneConformanceTestIsSelectedByMethodAndRerunByItsUniqueId() throws NoSuchMethodException {
        EngineTestKit.Builder kit = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory");
        EngineExecutionResults byMethod = kit.selectors(DiscoverySelectors.selectMethod(MessagingScenarios.class,
                MessagingScenarios.class.getDeclaredMethod("inOrder", dev.ipcm.Client.class, dev.ipcm.Client.class)))
                .execute();
        var only = byMethod.testEvents().succeeded().list();
        assertThat(only).extracting(e -> e.getTestDescriptor().getDisplayName()).containsExactly("inOrder(Client, Client)");

        EngineExecutionResults again = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .selectors(DiscoverySelectors.selectUniqueId(only.get(0).getTestDescriptor().getUniqueId()))
                .execute();

        assertThat(again.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getUniqueId())
                .containsExactly(only.get(0).getTestDescriptor().getUniqueId());
    }

    @Test
    void jupiterDoesNotAlsoRunTheConformanceClasses() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(MessagingScenarios.class), DiscoverySelectors.selectPackage("dev.ipcm.conformance"))
                .configurationParameter(IpcmConfiguration.PROTOCOLS, "LocalMemory")
                .build();

        TestPlan plan = LauncherFactory.create().discover(request);

        for (TestIdentifier root : plan.getRoots()) {
            if (root.getUniqueIdObject().getEngineId().orElseThrow().equals(IpcmCertifyEngine.ENGINE_ID)) {
                assertThat(plan.getDescendants(root)).extracting(TestIdentifier::getDisplayName)
                        .contains("LocalMemory", "MessagingScenarios", "DeliveryProperties");
            } else {
                assertThat(plan.getChildren(root)).as("what %s would run", root.getDisplayName()).isEmpty();
            }
        }
    }
}
