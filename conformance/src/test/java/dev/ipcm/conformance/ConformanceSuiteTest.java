package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.junit.IpcmProperties;
import dev.ipcm.junit.IpcmTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's catalogue is complete and stable: what an engine building on it relies on. */
class ConformanceSuiteTest {
    @Test
    void everyScenarioHasAUniqueStableId() {
        List<Scenario> all = ConformanceSuite.scenarios();
        assertThat(all).extracting(Scenario::id).doesNotHaveDuplicates()
                .contains("messaging/generic", "peers/peer_active", "messaging/try_message", "lifecycle/disconnect_with_handler",
                        "lifecycle/suspend_and_reconnect", "cross-process/cross_process_exchange", "delivery/per_sender_order",
                        "delivery/exactly_once", "suspend/suspend_reconnect_no_loss", "peers/peer_set_consistency",
                        "cross-process/cross_process_order");
        assertThat(ConformanceSuite.byId("messaging/generic")).hasValueSatisfying(s -> {
            assertThat(s.testClass()).isEqualTo(MessagingScenarios.class);
            assertThat(s.kind()).isEqualTo(Scenario.Kind.EXAMPLE);
        });
        assertThat(ConformanceSuite.byId("delivery/exactly_once")).hasValueSatisfying(s ->
                assertThat(s.kind()).isEqualTo(Scenario.Kind.PROPERTY));
    }

    @Test
    void everyTestMethodIsAListedScenario() {
        for (Class<?> type : ConformanceSuite.classes()) {
            long tests = Arrays.stream(type.getDeclaredMethods()).filter(ConformanceSuiteTest::isTest).count();
            long named = ConformanceSuite.scenarios().stream().filter(s -> s.testClass() == type).count();
            assertThat(named).as("scenarios in %s", type.getSimpleName()).isEqualTo(tests).isPositive();
        }
    }

    @Test
    void classesInjectTheProtocolInsteadOfNamingIt() {
        assertThat(ConformanceSuite.exampleClasses()).allSatisfy(c -> {
            assertThat(c.getAnnotation(IpcmTest.class)).isNotNull();
            assertThat(c.getAnnotation(IpcmTest.class).value()).isEmpty();
        });
        assertThat(ConformanceSuite.propertyClasses()).allSatisfy(c -> {
            assertThat(c.getAnnotation(IpcmProperties.class)).isNotNull();
            assertThat(c.getAnnotation(IpcmProperties.class).value()).isEmpty();
        });
    }

    @Test
    void theGuideListsEveryScenario() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "conformance.md"));
        assertThat(ConformanceSuite.scenarios()).allSatisfy(s -> assertThat(doc).contains("`" + s.id() + "`"));
    }

    private static boolean isTest(Method m) {
        return m.isAnnotationPresent(org.junit.jupiter.api.Test.class) || m.isAnnotationPresent(net.jqwik.api.Property.class);
    }
}
