package dev.ipcm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.protocol.memory.LocalMemoryProtocol;
import org.junit.jupiter.api.Test;

class ProtocolsTest {
    @Test
    void resolvesShortReferenceAndPlusNames() {
        assertThat(Protocols.byName("LocalMemory")).isInstanceOf(LocalMemoryProtocol.class);
        assertThat(Protocols.byName("IPC::Manager::Client::LocalMemory")).isInstanceOf(LocalMemoryProtocol.class);
        assertThat(Protocols.byName("+" + LocalMemoryProtocol.class.getName())).isInstanceOf(LocalMemoryProtocol.class);
    }

    /** The reference strips the '+' of a fully qualified Perl class name; so does ipcm. */
    @Test
    void resolvesPlusQualifiedPerlNames() {
        assertThat(Protocols.byName("+IPC::Manager::Client::LocalMemory")).isInstanceOf(LocalMemoryProtocol.class);
        assertThatThrownBy(() -> Protocols.byName("+IPC::Manager::Client::Carrier"))
                .isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Unknown protocol '+IPC::Manager::Client::Carrier'");
    }

    @Test
    void unknownPlusNamesFailWithTheClassName() {
        assertThatThrownBy(() -> Protocols.byName("+com.example.Nope"))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("com.example.Nope");
    }

    @Test
    void defaultListHasTheReferenceOrder() {
        assertThat(Protocols.defaultList()).containsExactly("AtomicPipe", "UnixSocket", "ConnectionUnix", "SQLite",
                "PostgreSQL", "MariaDB", "MySQL", "MessageFiles");
    }

    @Test
    void spawnWithNoViableProtocolExplainsEachCandidate() {
        assertThatThrownBy(() -> Ipcm.spawn(SpawnOptions.defaults().protocols(java.util.List.of("NoSuchThing"))))
                .isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Could not find a viable protocol").hasMessageContaining("NoSuchThing");
    }
}
