package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Client;
import dev.ipcm.ContentException;
import dev.ipcm.Message;
import dev.ipcm.Store;
import org.junit.jupiter.api.Test;

/** Stores whose id column is a UUID (PostgreSQL, MariaDB): an id that is none is refused before anything is sent. */
interface UuidIdTests {
    Store store();

    @Test
    default void aMessageIdThatIsNoUuidIsAContentExceptionAndNothingIsSent() {
        String a = AbstractDbStoreTest.unique("badid-a");
        String b = AbstractDbStoreTest.unique("badid-b");
        try (Client ca = store().connect(a); Client cb = store().connect(b)) {
            Message bad = Message.builder(a).to(b).id("not-a-uuid").content(1).build();
            assertThatThrownBy(() -> ca.send(bad)).isInstanceOf(ContentException.class)
                    .hasMessageContaining("Message id 'not-a-uuid' is not a UUID");
            assertThat(cb.receive()).isEmpty();
        }
    }
}
