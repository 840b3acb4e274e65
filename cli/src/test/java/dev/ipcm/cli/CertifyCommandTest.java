package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ipcm.engine.fixtures.DuplicatingProtocol;
import dev.ipcm.engine.fixtures.FixtureSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcm certify} end to end, in this JVM, on two protocols: mostly with the engine's small
 * fixture suite (known outcomes, a deliberately broken plugin), once with the conformance suite.
 */
class CertifyCommandTest {
    private static final String SUITE = "ipcm.certify.suite=" + FixtureSuite.class.getName();

    @TempDir
    Path reports;

    @Test
    void thoroughGivesWayToAnExplicitTriesSetting() {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "LocalMemory", "--thorough", "--tries", "3",
                "--report", reports.toString(), "--config", SUITE);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as("the seeds section of a run with --thorough and --tries 3")
                .containsPattern("LocalMemory / OrderPropertyFixture / arriveInOrder: seed -?\\d+, 3 tries");
    }

    @Test
    void certifiesTwoGoodProtocolsAndWritesBothReports() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "LocalMemory,MessageFiles", "--tries", "3",
                "--report", reports.toString(), "--config", SUITE);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("protocol      messaging  properties  connections")
                .containsPattern("LocalMemory +pass +pass +n/a \\[1]")
                .containsPattern("MessageFiles +pass +pass +n/a \\[2]")
                .contains("[1] not applicable: needs CONNECTIONS, which LocalMemory does not declare")
                .contains("Seeds:").containsPattern("LocalMemory / OrderPropertyFixture / arriveInOrder: seed -?\\d+, 3 tries")
                .contains("Certification passed");
        assertThat(r.err()).contains("ipcm certify: LocalMemory / MessagingFixture: pass (2 tests)")
                .contains("ipcm certify: MessageFiles / ConnectionsFixture: n/a");

        JsonNode json = new ObjectMapper().readTree(reports.resolve("certification.json").toFile());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("protocols")).hasSize(2);
        JsonNode memory = json.get("protocols").get(0);
        assertThat(memory.get("name").asText()).isEqualTo("LocalMemory");
        assertThat(memory.at("/matrix/messaging/status").asText()).isEqualTo("pass");
        assertThat(memory.at("/matrix/connections/status").asText()).isEqualTo("not-applicable");
        assertThat(memory.at("/scenarios/1/cases/0/seed").asText()).matches("-?\\d+");
        assertThat(memory.at("/scenarios/1/cases/0/tries").asInt()).isEqualTo(3);

        String html = Files.readString(reports.resolve("certification.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<td class=\"pass\"").contains("<td class=\"not-applicable\"").contains("PASSED")
                .doesNotContain("<link").doesNotContain("src=").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aFailingProtocolFailsTheRunWithMessagesAndSeeds() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "LocalMemory,+" + DuplicatingProtocol.class.getName(),
                "--tries", "3", "--report", reports.toString(), "--config", SUITE);

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.NOT_CERTIFIED);
        assertThat(r.out()).containsPattern("LocalMemory +pass +pass")
                .containsPattern("DuplicatingProtocol +FAIL +FAIL")
                .contains("Certification FAILED");
        assertThat(r.err()).contains("DuplicatingProtocol / MessagingFixture: FAIL (2 tests, 1 failed)");

        JsonNode json = new ObjectMapper().readTree(reports.resolve("certification.json").toFile());
        assertThat(json.get("passed").asBoolean()).isFalse();
        JsonNode broken = json.get("protocols").get(1);
        assertThat(broken.get("status").asText()).isEqualTo("fail");
        JsonNode property = broken.at("/scenarios/1/cases/0");
        assertThat(property.get("status").asText()).isEqualTo("fail");
        assertThat(property.get("seed").asText()).matches("-?\\d+");
        assertThat(property.get("message").asText()).isNotEmpty();
        assertThat(property.get("replay").asText()).startsWith("ipcm certify ").contains("--protocols ")
                .endsWith(" -c ipcm.property.seed=" + property.get("seed").asText());
        assertThat(broken.get("durationMillis").asLong()).isNotNegative();
        assertThat(broken.at("/scenarios/1/durationMillis").asLong()).isNotNegative();
        assertThat(json.at("/environment/java").asText()).isEqualTo(Runtime.version().toString());
        assertThat(json.at("/environment/os").asText()).startsWith(System.getProperty("os.name"));
        assertThat(json.at("/environment/ipcm").asText()).isNotEmpty();
        assertThat(json.get("generatedLocal").asText()).matches("[A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d:\\d\\d .+");

        String html = Files.readString(reports.resolve("certification.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<td class=\"fail\"").contains("FAILED")
                .contains("DuplicatingProtocol / MessagingFixture / deliversEachMessageOnce(Store)")
                .contains("Replay seed: <code>" + property.get("seed").asText() + "</code>")
                .contains("<h2>Durations</h2>").contains(", Java " + Runtime.version())
                .contains(json.get("generatedLocal").asText());
    }

    @Test
    void unavailableProtocolIsSkippedWithItsReasonAndDoesNotFailTheRun() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols",
                "LocalMemory,+dev.ipcm.engine.fixtures.UnavailableProtocol", "--tries", "2",
                "--report", reports.toString(), "--config", SUITE);

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("UnavailableProtocol +skipped \\[2] +skipped \\[2] +skipped \\[2]")
                .contains("[2] protocol UnavailableProtocol is unavailable: "
                        + "the fixture server is not running (start the fixture server)");
    }

    @Test
    void certifiesOnTheRealConformanceSuite() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "LocalMemory,MessageFiles", "--tries", "3",
                "--report", reports.toString(), "-c", "ipcm.certify.groups=messaging,delivery");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("protocol +messaging +delivery")
                .containsPattern("LocalMemory +pass +pass").containsPattern("MessageFiles +pass +pass")
                .containsPattern("MessageFiles / DeliveryProperties / perSenderOrder: seed -?\\d+, 3 tries");
        assertThat(r.err()).contains("ipcm certify: MessageFiles / MessagingScenarios: pass");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("certification.json").toFile());
        assertThat(json.get("groups")).extracting(JsonNode::asText).containsExactly("messaging", "delivery");
    }

    @Test
    void unknownProtocolIsAUsageMistake() {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "NoSuchStore", "--report", reports.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("NoSuchStore").contains("known protocols");
        assertThat(reports.resolve("certification.json")).doesNotExist();
    }
}
