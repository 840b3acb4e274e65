package dev.ipcm.protocol.db;

/** MariaDB on the configured server (default: 127.0.0.1:3306, user root, empty password). */
class MariaDBServerStoreTest extends AbstractMySQLFamilyStoreTest implements ManyWritersTests, ReceiverCrashTests, ConnectErrorTests {
    @Override
    public DbTargets target() {
        return DbTargets.MARIADB_SERVER;
    }

    @Override
    String idType() {
        return "uuid";
    }

    /**
     * The shared development servers sync every commit to disk (about 250 messages a second
     * here), so the configured-server targets send 250 messages per writer; the full 2,000 run
     * against the temporary servers, which skip the sync.
     */
    @Override
    public int messagesPerWriter() {
        return 250;
    }

    @org.junit.jupiter.api.Test
    void aMessageIdThatIsNoUuidIsAContentExceptionAndNothingIsSent() {
        String a = AbstractDbStoreTest.unique("badid-a");
        String b = AbstractDbStoreTest.unique("badid-b");
        try (dev.ipcm.Client ca = store().connect(a); dev.ipcm.Client cb = store().connect(b)) {
            dev.ipcm.Message bad = dev.ipcm.Message.builder(a).to(b).id("not-a-uuid").content(1).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ca.send(bad))
                    .isInstanceOf(dev.ipcm.ContentException.class)
                    .hasMessageContaining("Message id 'not-a-uuid' is not a UUID");
            org.assertj.core.api.Assertions.assertThat(cb.receive()).isEmpty();
        }
    }
}
