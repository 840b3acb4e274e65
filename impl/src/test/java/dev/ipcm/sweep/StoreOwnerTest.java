package dev.ipcm.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ipcm.os.HostIdentity;
import dev.ipcm.spi.StoreOwner;
import org.junit.jupiter.api.Test;

/** When a recorded owner counts as dead: only on this host, and a reused pid is not the owner. */
class StoreOwnerTest {
    private final long self = ProcessHandle.current().pid();

    @Test
    void aLiveOwnerIsNotDeadAndItsRecordReadsBack() {
        assumeTrue(HostIdentity.kernelId().isPresent(), "needs /proc (Linux) to identify the host");
        StoreOwner me = StoreOwner.of(self).orElseThrow();
        assertThat(me.isDeadHere()).isFalse();
        assertThat(StoreOwner.parse(me.text())).contains(me);
    }

    @Test
    void theSamePidStartedAtAnotherTimeIsAnotherProcess() {
        assumeTrue(HostIdentity.kernelId().isPresent(), "needs /proc (Linux) to identify the host");
        StoreOwner me = StoreOwner.of(self).orElseThrow();
        assertThat(new StoreOwner(self, me.startTicks() + 1, me.host()).isDeadHere()).isTrue();
    }

    @Test
    void anOwnerOnAnotherHostIsNeverJudged() {
        assumeTrue(HostIdentity.kernelId().isPresent(), "needs /proc (Linux) to identify the host");
        StoreOwner me = StoreOwner.of(self).orElseThrow();
        assertThat(new StoreOwner(self, me.startTicks() + 1, "another-boot:pid:[1]").isDeadHere()).isFalse();
    }

    @Test
    void aRecordThatIsNotOneOfOursIsNotAnOwner() {
        assertThat(StoreOwner.parse("")).isEmpty();
        assertThat(StoreOwner.parse("{\"pid\":1,\"start\":2,\"host\":\"x'; DROP DATABASE test; --\"}")).isEmpty();
        assertThat(StoreOwner.parse("4242")).isEmpty();
    }
}
