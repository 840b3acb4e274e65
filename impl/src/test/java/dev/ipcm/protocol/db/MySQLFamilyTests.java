package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.NameTakenException;
import dev.ipcm.Store;
import org.junit.jupiter.api.Test;

/** The limits MariaDB and MySQL stores share: a 65,535-byte BLOB and case-insensitive names. */
interface MySQLFamilyTests {
    Store store();

    @Test
    default void contentOverTheBlobLimitIsRefusedNamingTheLimit() {
        String a = AbstractDbStoreTest.unique("big-a");
        String b = AbstractDbStoreTest.unique("big-b");
        try (Client ca = store().connect(a); Client cb = store().connect(b)) {
            String fits = "x".repeat(65_533); // plus two quotes: exactly 65,535 bytes of JSON
            ca.send(b, fits);
            assertThatThrownBy(() -> ca.send(b, fits + "y")).isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("65535").hasMessageContaining("65536");
            assertThat(AbstractDbStoreTest.receiveAtLeast(cb, 1)).singleElement()
                    .satisfies(m -> assertThat(m.content().textValue()).isEqualTo(fits));
        }
    }

    @Test
    default void namesDifferingOnlyInCaseDoNotShareAnInbox() {
        String lower = AbstractDbStoreTest.unique("casey");
        String upper = lower.toUpperCase();
        assertThat(store().capabilities().has(Capability.CASE_INSENSITIVE_NAMES)).isTrue();
        try (Client c = store().connect(lower)) {
            assertThat(c.name()).isEqualTo(lower);
            assertThatThrownBy(() -> store().connect(upper)).isInstanceOf(NameTakenException.class)
                    .hasMessageContaining(lower).hasMessageContaining("case-insensitive");
        }
        // Still refused once the first has left: its row (and any mail for it) stays under the other spelling.
        assertThatThrownBy(() -> store().connect(upper)).isInstanceOf(NameTakenException.class);
    }
}
