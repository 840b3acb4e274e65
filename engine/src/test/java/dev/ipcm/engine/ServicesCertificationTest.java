package dev.ipcm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ipcm.Capability;
import dev.ipcm.conformance.ServiceCallbackScenarios;
import dev.ipcm.conformance.ServiceProbeScenarios;
import dev.ipcm.conformance.ServiceProcessScenarios;
import dev.ipcm.conformance.ServiceScenarios;
import dev.ipcm.engine.fixtures.certify.LocalMemoryCertification;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The services group of the conformance suite as the engine certifies it. */
class ServicesCertificationTest {
    @Test
    void theServiceClassesFormOneGroupAndTheProcessOnesNeedCrossProcess() {
        List<ScenarioSpec> services = new ConformanceScenarios().scenarios().stream()
                .filter(s -> s.group().equals("services")).toList();

        assertThat(services).extracting(ScenarioSpec::type).as("classes of the services group")
                .containsExactly(ServiceScenarios.class, ServiceCallbackScenarios.class, ServiceProbeScenarios.class,
                        ServiceProcessScenarios.class);
        assertThat(services.subList(0, 2)).as("what the thread classes require").allSatisfy(s -> assertThat(s.requires()).isEmpty());
        assertThat(services.subList(2, 4)).as("what the process classes require")
                .allSatisfy(s -> assertThat(s.requires()).containsExactly(Capability.CROSS_PROCESS));
    }

    @Test
    void localMemoryPassesTheThreadScenariosAndIsNotApplicableForTheProcessOnes() {
        EngineExecutionResults results = EngineTestKit.engine(IpcmCertifyEngine.ENGINE_ID)
                .configurationParameter(CertifyParameters.GROUPS, "services")
                .selectors(selectClass(LocalMemoryCertification.class))
                .execute();

        assertThat(results.testEvents().failed().list()).as("failed services scenarios").isEmpty();
        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .as("services scenarios passed on LocalMemory")
                .contains("simpleService(Store)", "requestErrorGeneric(Store)", "requestErrorDetailed(Store)",
                        "echoRequest(ServiceHandle)", "concurrentRequests(Store, ServiceHandle)");
        assertThat(results.containerEvents().skipped().list())
                .extracting(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getRequiredPayload(String.class))
                .as("process scenarios skipped with the reason")
                .containsExactlyInAnyOrder(
                        "ServiceProbeScenarios: not applicable: needs CROSS_PROCESS, which LocalMemory does not declare",
                        "ServiceProcessScenarios: not applicable: needs CROSS_PROCESS, which LocalMemory does not declare");
    }
}
