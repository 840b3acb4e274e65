package com.example.ipcm.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.ipcm.conformance.ServiceScenarios;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The engine's teeth: each plugin here is DirectoryStore (MessageFiles for the polling defect)
 * with one behaviour broken, and the certification engine must fail it in the scenarios and properties that check that behaviour.
 * Each run is limited to the groups that should catch the fault, with few tries, short waits and
 * a fixed seed, so the test is quick and its outcome does not depend on chance.
 */
class BrokenProtocolsTest {
    static Stream<Arguments> brokenPlugins() {
        return Stream.of(
                Arguments.of(DropsOneInAHundred.class, "messaging,delivery", Set.of("generic", "inOrder", "exactlyOnce")),
                Arguments.of(ReordersTwoMessages.class, "messaging,delivery", Set.of("inOrder", "perSenderOrder")),
                Arguments.of(DeliversOneTwice.class, "messaging,delivery", Set.of("generic", "exactlyOnce")),
                Arguments.of(LosesMailWhileSuspended.class, "lifecycle,suspend",
                        Set.of("suspendAndReconnect", "noLossAcrossSuspends")),
                Arguments.of(ReportsDeadPeerAlive.class, "cross-process", Set.of("reapAndReplace")),
                Arguments.of(ListsItselfAsPeer.class, "peers", Set.of("peersSorted", "peersFollowConnectsAndDisconnects")),
                Arguments.of(AcceptsInvalidName.class, "messaging", Set.of("badNames")),
                Arguments.of(ClaimsWakeUpButSleeps.class, "messaging", Set.of("wakeUp")),
                Arguments.of(TruncatesLongStrings.class, "fidelity", Set.of("longStrings")),
                Arguments.of(NumbersViaDouble.class, "fidelity", Set.of("numbersExact", "contentsArriveExactly")),
                Arguments.of(LowercasesSender.class, "fidelity",
                        Set.of("namesExact", "namesDifferingInCase", "namesReachOwnMailbox")),
                Arguments.of(StampViaFloat.class, "fidelity", Set.of("jsonShapes", "contentsArriveExactly")),
                Arguments.of(PrefixNamesShareMailbox.class, "fidelity", Set.of("namesSharingPrefixes")),
                Arguments.of(RefusesMessagesAtTheLimit.class, "fidelity", Set.of("maxSizeMessage")),
                Arguments.of(GoneStoreLooksEmpty.class, "errors", Set.of("storeDeleted")),
                Arguments.of(SuspendIgnoresGoneStore.class, "errors", Set.of("storeDeletedSuspend")),
                Arguments.of(BadIdIsAStoreError.class, "errors", Set.of("badId")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPlugins")
    void certificationFailsTheBrokenPluginWhereItIsBroken(Class<?> plugin, String groups, Set<String> catchers) {
        EngineExecutionResults results = certify(groups, selectClass(plugin));

        assertThat(failedCases(results)).as("scenarios that failed %s", plugin.getSimpleName()).containsAll(catchers);
        assertThat(results.containerEvents().started().stream()
                .anyMatch(e -> e.getTestDescriptor().getDisplayName().equals(plugin.getSimpleName()))).isTrue();
    }

    /**
     * A store that damages only what makes a message a request or an answer fails the services
     * group. Only ServiceScenarios runs: the other service scenarios fail this plugin too, but each
     * by waiting out its deadline in child JVMs, which would make this test take minutes.
     */
    @Test
    void servicesCatchAStoreThatStripsTheRequestIds() {
        UniqueId scenario = UniqueId.forEngine("ipcm-certify").append("protocol", "+" + StripsReservedKeys.class.getName())
                .append("scenario", ServiceScenarios.class.getName());
        EngineExecutionResults results = certify("services", selectUniqueId(scenario));

        assertThat(failedCases(results)).as("service scenarios that failed StripsReservedKeys")
                .containsAll(Set.of("simpleService", "syncRequest", "multipleRequests", "echoRequest",
                        "concurrentRequests", "handleMessagesBuffer", "generalMessages"));
    }

    /**
     * A defect only the polling path has: certified as it runs by default (woken by inotify) the
     * plugin passes, and only its NoInotify column, certified the way {@code MessageFiles-NoInotify}
     * is, fails. This is why the file stores are certified both ways. Only the two cases that
     * fail it on every run are required: whether {@code perSenderOrder} (or {@code requeue})
     * catches it depends on whether a receiver polls between two sends, which a quiet machine
     * rarely lets it do.
     */
    @Test
    void theNoInotifyColumnCatchesWhatOnlyPollingGetsWrong() {
        assertThat(failedCases(certify("messaging,delivery", selectClass(MissesMailWhilePolling.class))))
                .as("cases that failed MissesMailWhilePolling, woken by inotify").isEmpty();
        assertThat(failedCases(certify("messaging,delivery", selectClass(MissesMailWhilePollingNoInotify.class))))
                .as("cases that failed MissesMailWhilePollingNoInotify, polling")
                .containsAll(Set.of("generic", "exactlyOnce"));
    }

    private static EngineExecutionResults certify(String groups, DiscoverySelector selector) {
        return EngineTestKit.engine("ipcm-certify")
                .configurationParameter("ipcm.certify.groups", groups)
                .configurationParameter("ipcm.certify.tries", "10")
                .configurationParameter("ipcm.property.seed", "20261123")
                .configurationParameter("ipcm.timeout.await", "3s")
                .configurationParameter("jqwik.shrinking.default", "OFF")
                .selectors(selector)
                .execute();
    }

    /** The failed cases by method name, without the parameter list. */
    private static Set<String> failedCases(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName().replaceFirst("\\(.*", ""))
                .collect(Collectors.toSet());
    }
}
