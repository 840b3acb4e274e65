package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Store;
import dev.ipcm.os.Os;
import dev.ipcm.spi.Stores;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IPC::Manager's {@code test_cleave}: ownership moves to a detached process, and this one's shutdown no longer acts. */
class CleaveTest {
    static java.util.stream.Stream<Bus> buses() {
        return Bus.crossProcess();
    }

    /** The new owner's work in this scenario: nothing, exit at once. */
    public static final class ExitAtOnce {
        private ExitAtOnce() {}

        public static void main(String[] args) {
            System.exit(args.length > 0 && !args[0].isEmpty() ? 0 : 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void ownershipMovesToANewProcess(Bus bus) throws Exception {
        bus.require();
        Store store = Ipcm.spawn(bus.spawn().guard(false));
        try {
            assertThat(store.ownerPid()).isEqualTo(Os.get().pid());
            long owner = store.cleave(ExitAtOnce.class);
            assertThat(owner).isPositive().isNotEqualTo(Os.get().pid());
            assertThat(store.ownerPid()).isEqualTo(owner);
            try (Client c = Ipcm.connect("after_cleave", store.info())) {
                assertThat(c.name()).isEqualTo("after_cleave");
            }
            store.shutdown();
            assertThat(store.isDestroyed()).as("the old owner's shutdown does not act").isFalse();
            assertThat(Stores.protocol(store).storeExists(store.route())).isTrue();
            Os.get().kill(owner, "TERM");
            Optional<ProcessHandle> h = ProcessHandle.of(owner);
            if (h.isPresent()) {
                h.get().onExit().get(60, TimeUnit.SECONDS);
            }
        } finally {
            store.unspawn();
        }
        assertThat(Stores.protocol(store).storeExists(store.route())).isFalse();
    }
}
