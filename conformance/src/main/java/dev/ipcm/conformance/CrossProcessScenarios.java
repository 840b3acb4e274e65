package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IgnoreSanityCheck;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Real processes: exchange with a child JVM, and the clean-up of a peer killed with SIGKILL (so
 * no disconnect ran): liveness, the sweep, and taking over its name. The rules are those of
 * docs/conformance.md, "The client contract", section "Real processes".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@RequiresCapability(Capability.CROSS_PROCESS)
@ScenarioGroup("cross-process")
public class CrossProcessScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public CrossProcessScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** A child JVM connected by info string returns every message, in order, with its own pid registered. */
    @Test
    @ScenarioName("cross_process_exchange")
    void exchange(Store store, @ClientName("parent") Client parent) {
        try (PeerProcesses children = new PeerProcesses(wait)) {
            Process child = children.start("echo", store.info(), "child");
            assertThat(parent.peerPid("child")).as("the child's pid as the parent sees it").hasValue(child.pid());
            assertThat(parent.peerActive("child")).as("whether the child is active").isTrue();
            for (int i = 0; i < 20; i++) {
                parent.send("child", Map.of("n", i, "text", "caf\u00e9 " + i));
            }
            List<Message> back = Await.messages(parent, 20, wait);
            assertThat(back).as("the numbers the child sent back, in order").extracting(m -> m.content().get("n").asInt()).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 20).boxed().toList());
            assertThat(back).as("the sender of every message from the child").allSatisfy(m -> assertThat(m.from()).isEqualTo("child"));
            assertThat(back.get(3).content().get("text").asText()).as("the non-ASCII text the child sent back").isEqualTo("caf\u00e9 3");
            parent.send("child", "stop");
            children.awaitExit(child);
            assertThat(child.exitValue()).as("the child JVM's exit code").isZero();
            assertThat(Await.peers(parent, () -> !parent.peers().contains("child"), wait)).as("the parent's peers once the child exited").isTrue();
        }
    }

    /** A peer killed with SIGKILL is no longer active or listed, and its name can be taken again. */
    @Test
    @ScenarioName("sigkill_reap_and_replace")
    void reapAndReplace(Store store, @ClientName("observer") Client observer) {
        try (PeerProcesses children = new PeerProcesses(wait)) {
            Process doomed = children.start("idle", store.info(), "doomed");
            assertThat(observer.peerActive("doomed")).as("whether doomed is active before SIGKILL").isTrue();
            children.kill(doomed);
            assertThat(observer.peerActive("doomed")).as("whether doomed is active after SIGKILL").isFalse();
            assertThat(observer.peers()).as("the observer's peers after doomed was killed").doesNotContain("doomed");
            Client replacement = store.connect("doomed");
            assertThat(observer.peerPid("doomed")).as("the pid of the new client that took doomed's name").hasValue(ProcessHandle.current().pid());
            replacement.disconnect();
        }
    }

    /**
     * Mail waiting for a peer killed with SIGKILL is not lost: reconnecting under its name, or
     * connecting afresh after a second kill, receives what waited (docs/decisions.md, "Reconnect
     * after a crash").
     */
    @Test
    @ScenarioName("sigkill_keeps_mail")
    @RequiresCapability(Capability.KEEPS_MAIL)
    @IgnoreSanityCheck("a killed client's read counts die with it, and a fresh connect under its name starts new counts")
    void keepsMail(Store store, @ClientName("sender") Client sender) {
        try (PeerProcesses children = new PeerProcesses(wait)) {
            Process crashed = children.start("idle", store.info(), "crashed");
            sender.send("crashed", "before the kill");
            children.kill(crashed);
            sender.send("crashed", "after the kill");
            Client back = store.reconnect("crashed");
            assertThat(Await.messages(back, 2, wait)).extracting(m -> m.content().asText())
                    .containsExactly("before the kill", "after the kill");
            back.disconnect();
            Process again = children.start("idle", store.info(), "crashed");
            sender.send("crashed", "for the next holder");
            children.kill(again);
            Client fresh = store.connect("crashed");
            assertThat(Await.messages(fresh, 1, wait)).extracting(m -> m.content().asText())
                    .containsExactly("for the next holder");
            fresh.disconnect();
        }
    }

    /** peerLeft() sweeps a killed peer's entry (and undelivered mail) from the store. */
    @Test
    @ScenarioName("sigkill_sweep")
    void sweep(Store store, @ClientName("observer") Client observer) {
        try (PeerProcesses children = new PeerProcesses(wait)) {
            Process gone = children.start("idle", store.info(), "gone");
            children.kill(gone);
            assertThat(observer.peerLeft()).as("entries peerLeft() swept").isGreaterThanOrEqualTo(1);
            assertThat(observer.peerExists("gone")).as("whether the killed peer still exists after the sweep").isFalse();
            assertThat(observer.peerLeft()).as("entries a second sweep finds").isZero();
        }
    }
}
