package dev.ipcm.protocol.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.InvalidInfoException;
import dev.ipcm.spi.Protocols;
import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.protocol.db.server.TempServer;
import dev.ipcm.spi.Availability;
import dev.ipcm.Capability;
import dev.ipcm.spi.SpawnRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseAvailabilityTest {
    /** A PostgreSQL protocol that sees no temporary-server binaries. */
    private static final class NoBinaries extends ServerProtocol {
        NoBinaries() {
            super(PostgreSQLDialect.INSTANCE, PostgreSQLProtocol.CAPABILITIES, DatabaseServers.Kind.POSTGRESQL);
        }

        @Override
        Optional<String> tempServerMissing() {
            return Optional.of("no initdb here");
        }

        @Override
        TempServer startTempServer() {
            throw new AssertionError("must not start");
        }

        @Override
        String tempServerRemedy() {
            return "install PostgreSQL";
        }

        @Override
        ActivityWaiter waiter(DbSession session, String clientName) {
            return new BackoffWaiter(1, 1);
        }
    }

    /** A MariaDB dialect whose driver is not on the class path. */
    private static final class MissingDriverDialect extends MySQLFamilyDialect {
        MissingDriverDialect() {
            super("MariaDB", new Driver("org.example.NoSuchDriver", "org.example:no-such-driver"), "UUID", "mariadb");
        }

        @Override
        void useSocket(java.util.Properties properties, String socketFile) {
            properties.setProperty("localSocket", socketFile);
        }
    }

    @Test
    void aMissingDriverIsNamedWithTheArtifactToAdd() {
        ServerProtocol p = new ServerProtocol(new MissingDriverDialect(), MariaDBProtocol.CAPABILITIES,
                DatabaseServers.Kind.MARIADB) {
            @Override
            Optional<String> tempServerMissing() {
                return Optional.empty();
            }

            @Override
            TempServer startTempServer() {
                throw new AssertionError("must not start");
            }

            @Override
            String tempServerRemedy() {
                return "";
            }

            @Override
            ActivityWaiter waiter(DbSession session, String clientName) {
                return new BackoffWaiter(1, 1);
            }
        };
        Availability a = p.availability();
        assertThat(a.isAvailable()).isFalse();
        assertThat(a.reason()).contains("org.example.NoSuchDriver");
        assertThat(a.remedy()).contains("org.example:no-such-driver");
        assertThatThrownBy(() -> p.connect(new dev.ipcm.spi.ConnectRequest("alice",
                new dev.ipcm.ConnectionInfo("MariaDB", com.fasterxml.jackson.databind.node.TextNode.valueOf("JSON"),
                        "dbi:MariaDB:dbname=x;host=127.0.0.1"),
                dev.ipcm.serial.Serializers.byName("JSON"), false, Map.of())))
                .isInstanceOf(DatabaseAccessException.class).hasMessageContaining("org.example:no-such-driver");
    }

    @Test
    void theFourProtocolsAreRegisteredWithTheirCapabilities() {
        assertThat(Protocols.byName("IPC::Manager::Client::SQLite").capabilities().has(Capability.REQUIRES_SERVER)).isFalse();
        assertThat(Protocols.byName("PostgreSQL").capabilities().hasAll(Capability.CROSS_PROCESS, Capability.SUSPEND,
                Capability.DISCONNECTED_PEERS_ADDRESSABLE, Capability.REQUIRES_SERVER, Capability.MESSAGE_WAKEUP)).isTrue();
        for (String name : new String[] {"MariaDB", "MySQL"}) {
            assertThat(Protocols.byName(name).capabilities().has(Capability.MESSAGE_WAKEUP)).isFalse();
            assertThat(Protocols.byName(name).capabilities().has(Capability.CASE_INSENSITIVE_NAMES)).isTrue();
            assertThat(Protocols.byName(name).capabilities().maxMessageBytes()).isEqualTo(65_535);
        }
        assertThat(Protocols.byName("SQLite").availability().isAvailable()).isTrue();
    }

    @Test
    void withoutServerOrBinariesAvailabilitySaysWhatIsMissingAndWhichSettingFixesIt() {
        NoBinaries p = new NoBinaries();
        DatabaseServers.Kind kind = DatabaseServers.Kind.POSTGRESQL;
        if (DatabaseServers.configuredUrl(kind).isPresent()) {
            assertThat(p.availability().isAvailable()).isTrue();
            return; // a configured server makes the protocol available, which is what this environment says
        }
        Availability a = p.availability();
        assertThat(a.isAvailable()).isFalse();
        assertThat(a.reason()).contains("no PostgreSQL server is configured").contains("no initdb here");
        assertThat(a.remedy()).contains("IPCM_POSTGRESQL_URL").contains("ipcm.postgresql.url").contains("install PostgreSQL");
        assertThatThrownBy(() -> p.spawn(new SpawnRequest(dev.ipcm.serial.Serializers.byName("JSON"), Map.of())))
                .isInstanceOf(DatabaseAccessException.class).hasMessageContaining("IPCM_POSTGRESQL_URL");
    }

    @Test
    void aRegisteredServerMakesTheProtocolAvailableAndWinsOverTheEnvironment() {
        NoBinaries p = new NoBinaries();
        DatabaseServers.register(DatabaseServers.Kind.POSTGRESQL, "dbi:Pg:dbname=x;host=127.0.0.1");
        try {
            assertThat(DatabaseServers.configuredUrl(DatabaseServers.Kind.POSTGRESQL)).hasValue("dbi:Pg:dbname=x;host=127.0.0.1");
            assertThat(p.availability().isAvailable()).isTrue();
        } finally {
            DatabaseServers.unregister(DatabaseServers.Kind.POSTGRESQL);
        }
        assertThatThrownBy(() -> DatabaseServers.register(DatabaseServers.Kind.MARIADB, "mariadb://x"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("mariadb://x");
    }
}
