package dev.ipcm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.Capability;
import dev.ipcm.IpcmException;
import dev.ipcm.MessagesWaitingException;
import dev.ipcm.NoSuchPeerException;
import dev.ipcm.NotSupportedException;
import dev.ipcm.internal.Json;
import dev.ipcm.protocol.db.server.DatabaseServers;
import dev.ipcm.spi.NativeServices;
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

    @Test
    void theDriverGetsTheDatabaseServersThisJvmIsConfiguredWith(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("env.sh");
        Files.writeString(script, "read l\necho \"{\\\"id\\\":1,\\\"ok\\\":true,\\\"result\\\":\\\"$IPCM_MARIADB_URL\\\"}\"\ncat >/dev/null\n");
        DatabaseServers.register(DatabaseServers.Kind.MARIADB, "jdbc:mariadb://db.example:3307/admin?user=ipcm");
        try (DriverProcess driver = DriverProcess.start("sh " + script)) {
            assertThat(driver.call("env", Json.mapper().createObjectNode()).asText())
                    .isEqualTo("jdbc:mariadb://db.example:3307/admin?user=ipcm");
        } finally {
            DatabaseServers.unregister(DatabaseServers.Kind.MARIADB);
        }
    }

    @Test
    void theImplementationsServicesAreTheDriversServiceOperations(@TempDir Path dir) throws Exception {
        Path requests = dir.resolve("requests");
        String[] answers = {
            "{\"id\":1,\"ok\":true,\"result\":{\"pid\":4242}}",
            "{\"id\":2,\"ok\":true,\"result\":{\"running\":true,\"exit\":null}}",
            "{\"id\":3,\"ok\":true,\"result\":{\"running\":false,\"exit\":0}}",
            "{\"id\":4,\"ok\":true,\"result\":{\"name\":\"caller\"}}",
            "{\"id\":5,\"ok\":true,\"result\":true}",
            "{\"id\":6,\"ok\":true,\"result\":{\"request_id\":\"r1\"}}",
            "{\"id\":7,\"ok\":true,\"result\":null}",
            "{\"id\":8,\"ok\":true,\"result\":{\"ipcm_response_id\":\"r1\",\"response\":\"echo: hi\"}}",
            "{\"id\":9,\"ok\":true,\"result\":null}",
            "{\"id\":10,\"ok\":true,\"result\":null}"};
        StringBuilder sh = new StringBuilder();
        for (String a : answers) {
            sh.append("read l; echo \"$l\" >> ").append(requests).append("; echo '").append(a).append("'\n");
        }
        sh.append("cat >/dev/null\n");
        Path script = dir.resolve("driver.sh");
        Files.writeString(script, sh.toString());
        try (DriverProcess driver = DriverProcess.start("sh " + script)) {
            DriverProtocol protocol = new DriverProtocol(driver, "fake:Mailbox", "Mailbox", "Fake::Mailbox",
                    dev.ipcm.Capabilities.of(Capability.MIXED_PAIRS), dev.ipcm.spi.Availability.available());
            NativeServices services = protocol.nativeServices().orElseThrow();

            NativeServices.RunningService echo = services.startEcho("INFO", "echo", java.time.Duration.ofSeconds(5));
            assertThat(echo.pid()).isEqualTo(4242);
            assertThat(echo.exitStatus()).as("while it runs").isEmpty();
            assertThat(echo.exitStatus()).as("once it has ended").hasValue(0);
            NativeServices.Handle handle = services.openHandle("INFO", "echo");
            assertThat(handle.ready()).isTrue();
            String id = handle.sendRequest(Json.mapper().getNodeFactory().textNode("hi"));
            assertThat(id).isEqualTo("r1");
            assertThat(handle.response(id)).as("not yet arrived").isEmpty();
            assertThat(handle.response(id)).hasValueSatisfying(r -> assertThat(r.path("response").asText()).isEqualTo("echo: hi"));
            handle.close();
            echo.close();
        }
        List<com.fasterxml.jackson.databind.JsonNode> sent = Files.readAllLines(requests).stream()
                .map(Json::decode).toList();
        assertThat(sent).extracting(r -> r.path("op").asText()).containsExactly("start_service", "service_status",
                "service_status", "open_handle", "handle_ready", "send_request", "response", "response", "close_handle",
                "stop_service");
        assertThat(sent.get(0).path("protocol").asText()).as("the driver's name of the store").isEqualTo("Mailbox");
        assertThat(sent.get(0).path("kind").asText()).isEqualTo("echo");
        assertThat(sent.get(0).path("name").asText()).isEqualTo("echo");
        assertThat(sent.get(0).path("timeout").asDouble()).isEqualTo(5.0);
        String service = sent.get(0).path("service").asText();
        assertThat(sent.get(1).path("service").asText()).as("the status asks about the service started").isEqualTo(service);
        assertThat(sent.get(9).path("service").asText()).isEqualTo(service);
        String handleId = sent.get(3).path("handle").asText();
        assertThat(sent.get(3).path("service").asText()).isEqualTo("echo");
        assertThat(sent.get(5).path("handle").asText()).isEqualTo(handleId);
        assertThat(sent.get(5).path("content").asText()).isEqualTo("hi");
        assertThat(sent.get(6).path("request_id").asText()).isEqualTo("r1");
        assertThat(sent.get(6).path("wait").asDouble()).as("a response wait holds the driver at most one slice").isLessThanOrEqualTo(0.05);
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
