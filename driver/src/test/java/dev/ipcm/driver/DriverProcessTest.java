package dev.ipcm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.IpcmException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side of the driver protocol against scripted drivers (a few lines of shell that answer
 * with fixed lines), so it is checked in every build, with or without an implementation to drive.
 */
class DriverProcessTest {
    private static final String HELLO = "{\"id\":1,\"ok\":true,\"result\":{\"version\":1,\"name\":\"fake\","
            + "\"protocols\":[{\"name\":\"Mailbox\",\"reference_name\":\"Fake::Mailbox\","
            + "\"capabilities\":[\"SUSPEND\",\"KEEPS_MAIL\"],\"max_message_bytes\":1000,\"max_name_length\":20},"
            + "{\"name\":\"Server\",\"capabilities\":[],\"unavailable\":{\"reason\":\"no server\",\"remedy\":\"start one\"}}]}}";

    /** A driver that reads a request before each of its fixed answers, then waits for stdin to close. */
    private static DriverProcess scripted(String... answers) {
        StringBuilder sh = new StringBuilder();
        for (String a : answers) {
            sh.append("read l; echo '").append(a).append("'; ");
        }
        sh.append("cat >/dev/null");
        return DriverProcess.start("sh -c \"" + sh.toString().replace("\"", "\\\"") + "\"");
    }

    @Test
    void helloBecomesOneProtocolPerStoreWithItsCapabilities() {
        try (DriverProcess driver = scripted(HELLO)) {
            List<Protocol> protocols = DriverHello.protocolsOf(driver);

            assertThat(protocols).extracting(Protocol::name).containsExactly("fake:Mailbox", "fake:Server");
            Protocol mailbox = protocols.get(0);
            assertThat(mailbox.referenceName()).isEqualTo("Fake::Mailbox");
            assertThat(mailbox.capabilities().all()).containsExactlyInAnyOrder(Capability.SUSPEND, Capability.KEEPS_MAIL);
            assertThat(mailbox.capabilities().maxMessageBytes()).isEqualTo(1000);
            assertThat(mailbox.capabilities().maxNameLength()).isEqualTo(20);
            assertThat(mailbox.availability().isAvailable()).isTrue();
            assertThat(protocols.get(1).referenceName()).isEqualTo("IPC::Manager::Client::Server");
            assertThat(protocols.get(1).availability().reason()).isEqualTo("no server");
            assertThat(protocols.get(1).availability().remedy()).isEqualTo("start one");
        }
    }

    @Test
    void aCapabilityIpcmDoesNotKnowIsRefusedByName() {
        try (DriverProcess driver = scripted("{\"id\":1,\"ok\":true,\"result\":{\"version\":1,\"name\":\"fake\","
                + "\"protocols\":[{\"name\":\"Mailbox\",\"capabilities\":[\"SUSPEND\",\"TELEPATHY\"]}]}}")) {
            assertThatThrownBy(() -> DriverHello.protocolsOf(driver)).isExactlyInstanceOf(IpcmException.class)
                    .hasMessageContaining("'TELEPATHY'").hasMessageContaining("Mailbox").hasMessageContaining("MIXED_PAIRS");
        }
    }

    @Test
    void errorKindsBecomeTheSuitesExceptions() {
        try (DriverProcess driver = scripted(
                "{\"id\":1,\"ok\":false,\"error\":{\"kind\":\"no_such_peer\",\"message\":\"carol is unknown\"}}",
                "{\"id\":2,\"ok\":false,\"error\":{\"kind\":\"not_supported\",\"message\":\"no outbox\"}}",
                "{\"id\":3,\"ok\":false,\"error\":{\"kind\":\"messages_waiting\",\"message\":\"waiting\",\"client\":\"bob\"}}",
                "{\"id\":4,\"ok\":false,\"error\":{\"kind\":\"something_new\",\"message\":\"odd\"}}")) {
            var none = Json.mapper().createObjectNode();
            assertThatThrownBy(() -> driver.call("send", none)).isExactlyInstanceOf(NoSuchPeerException.class)
                    .hasMessage("carol is unknown");
            assertThatThrownBy(() -> driver.call("try_send", none)).isExactlyInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("'try_send'").hasMessageContaining("no outbox");
            assertThatThrownBy(() -> driver.call("disconnect", none)).isInstanceOfSatisfying(
                    MessagesWaitingException.class, e -> assertThat(e.messages()).isEmpty());
            assertThatThrownBy(() -> driver.call("peers", none)).isExactlyInstanceOf(IpcmException.class)
                    .hasMessageContaining("something_new").hasMessageContaining("odd");
        }
    }

    @Test
    void aDriverThatExitsFailsTheRequestsWaitingWithItsExitCode() {
        try (DriverProcess driver = DriverProcess.start("sh -c 'read l; exit 3'")) {
            assertThatThrownBy(() -> driver.call("hello", Json.mapper().createObjectNode()))
                    .isInstanceOf(IpcmException.class).hasMessageContaining("exited with code 3");
        }
    }

    @Test
    void aDriverThatExitedIsStartedAgainForTheNextRequest(@TempDir Path dir) throws Exception {
        // Answers one request with its own pid, then exits.
        Path once = dir.resolve("once.sh");
        Files.writeString(once, "read l\nid=$(echo \"$l\" | sed 's/.*\"id\":\\([0-9]*\\).*/\\1/')\n"
                + "echo \"{\\\"id\\\":$id,\\\"ok\\\":true,\\\"result\\\":$$}\"\n");
        try (DriverProcess driver = DriverProcess.start("sh " + once)) {
            var none = Json.mapper().createObjectNode();
            long first = driver.call("first", none).asLong();
            long second = Await.answer(() -> {
                try {
                    return driver.call("second", none).asLong();
                } catch (IpcmException stillTheFirst) {
                    return 0L; // the first one's exit was not yet seen when this request was written
                }
            });
            assertThat(second).as("the pid of the process that answered again").isPositive().isNotEqualTo(first);
        }
    }

    @Test
    void aDriverThatCannotStartIsAnUnusableDriverSayingWhy() {
        UnusableDriver unusable = new UnusableDriver("no-such-command", "it exited with code 127");

        assertThat(unusable.name()).isEqualTo("driver");
        assertThat(unusable.availability().isAvailable()).isFalse();
        assertThat(unusable.availability().reason()).contains("no-such-command", "exited with code 127");
        assertThatThrownBy(() -> unusable.spawn(null)).hasMessageContaining("no-such-command");
    }

    /** Retries a request until it is answered by a live driver, for at most 10 s. */
    private static final class Await {
        static long answer(java.util.function.LongSupplier request) throws InterruptedException {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            long got = request.getAsLong();
            while (got == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                got = request.getAsLong();
            }
            return got;
        }
    }
}
