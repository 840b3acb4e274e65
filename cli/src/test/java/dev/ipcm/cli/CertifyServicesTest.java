package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipcm certify} shows the conformance suite's services group as a column of its matrix
 * and of both reports: on a protocol that crosses processes (services in child JVMs) and on one
 * that does not (thread services only, the process scenarios not applicable).
 */
class CertifyServicesTest {
    @TempDir
    Path reports;

    @Test
    void theServicesGroupIsAColumnOfTheMatrixAndOfBothReports() throws IOException {
        Cli.Result r = Cli.inProcess().run("certify", "--protocols", "LocalMemory,UnixSocket",
                "--report", reports.toString(), "-c", "ipcm.certify.groups=services");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as("matrix").containsPattern("protocol +services")
                .containsPattern("LocalMemory +pass").containsPattern("UnixSocket +pass");
        assertThat(r.err()).as("progress").contains("ipcm certify: UnixSocket / ServiceProcessScenarios: pass")
                .contains("ipcm certify: LocalMemory / ServiceProcessScenarios: n/a");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("certification.json").toFile());
        assertThat(json.get("groups")).extracting(JsonNode::asText).as("groups in the JSON report").containsExactly("services");
        assertThat(json.get("protocols")).extracting(p -> p.at("/matrix/services/status").asText())
                .as("services cells in the JSON report").containsExactly("pass", "pass");
        String html = Files.readString(reports.resolve("certification.html"), StandardCharsets.UTF_8);
        assertThat(html).as("HTML report").contains("<th>protocol</th><th>services</th>")
                .contains("<tr><th>UnixSocket</th><td class=\"pass\"");
    }
}
