package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own Maven build: it imports {@code ipcm-bom}, uses {@code @IpcmTest} on a method and on
 * a class, asks the certification engine to certify LocalMemory, pastes the Surefire block
 * docs/junit.md gives, and its XML and text reports are read back (docs/junit.md, "Maven reports
 * that name protocols"). This build's jars are laid into a private local repository in front of the
 * user's, so nothing is installed anywhere else.
 */
class ConsumerBuildTest {
    static final String VERSION = VersionProvider.projectVersion();
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void reportsNameEveryProtocolAndCountEveryRun() throws Exception {
        Path repo = dir.resolve("repo");
        lay(repo, "ipcm-parent", ROOT.resolve("pom.xml"), null);
        lay(repo, "ipcm-bom", ROOT.resolve("bom/pom.xml"), null);
        lay(repo, "ipcm", ROOT.resolve("impl/pom.xml"), ROOT.resolve("impl/target/ipcm-" + VERSION + ".jar"));
        lay(repo, "ipcm-junit", ROOT.resolve("extensions/pom.xml"),
                ROOT.resolve("extensions/target/ipcm-junit-" + VERSION + ".jar"));
        lay(repo, "ipcm-conformance", ROOT.resolve("conformance/pom.xml"),
                ROOT.resolve("conformance/target/ipcm-conformance-" + VERSION + ".jar"));
        lay(repo, "ipcm-engine", ROOT.resolve("engine/pom.xml"),
                ROOT.resolve("engine/target/ipcm-engine-" + VERSION + ".jar"));
        Path project = Files.createDirectories(dir.resolve("consumer"));
        Files.writeString(project.resolve("pom.xml"), pom());
        Path resources = Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(resources.resolve("junit-platform.properties"), "ipcm.certify.tries=5\n");
        Path tests = Files.createDirectories(project.resolve("src/test/java/com/example"));
        Files.writeString(tests.resolve("EveryStoreTest.java"), """
                package com.example;

                import dev.ipcm.Client;
                import dev.ipcm.junit.IpcmTest;
                import java.time.Duration;
                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Test;

                @IpcmTest({"LocalMemory", "MessageFiles"})
                class EveryStoreTest {
                    @Test
                    void hears(Client alice, Client bob) {
                        alice.send(bob.name(), "hi");
                        Assertions.assertEquals(1, bob.awaitMessages(Duration.ofSeconds(30)).size());
                    }
                }
                """);
        Files.writeString(tests.resolve("LocalMemoryCertificationTest.java"), """
                package com.example;

                import dev.ipcm.engine.IpcmCertification;

                @IpcmCertification(protocols = "LocalMemory")
                class LocalMemoryCertificationTest {}
                """);
        Files.writeString(tests.resolve("HearsTest.java"), """
                package com.example;

                import dev.ipcm.Client;
                import dev.ipcm.junit.ClientName;
                import dev.ipcm.junit.IpcmTest;
                import java.time.Duration;
                import java.util.Map;
                import org.junit.jupiter.api.Assertions;

                class HearsTest {
                    @IpcmTest({"LocalMemory", "MessageFiles"})
                    void bobHearsAlice(@ClientName("alice") Client alice, @ClientName("bob") Client bob) {
                        alice.send("bob", Map.of("n", 1));
                        Assertions.assertEquals(1, bob.awaitMessages(Duration.ofSeconds(30)).size());
                    }
                }
                """);
        Process mvn = new ProcessBuilder(List.of(ROOT.resolve("mvnw").toString(), "-o", "-B", "-ntp", "-q",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + userRepository(), "test"))
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("build.log").toFile()).start();
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("the consumer build ends within 5 minutes").isTrue();
        String log = Files.readString(dir.resolve("build.log"));
        assertThat(mvn.exitValue()).as(log).isZero();

        Path reports = project.resolve("target/surefire-reports");
        SurefireReport method = SurefireReport.read(reports, "com.example.HearsTest");
        assertThat(method.cases()).as("@IpcmTest on a method: one case per protocol, named by it")
                .extracting(SurefireReport.Case::name)
                .containsExactly("bobHearsAlice(Client, Client)[LocalMemory]", "bobHearsAlice(Client, Client)[MessageFiles]");
        method.assertCountsEveryCase();

        // Surefire names a class template's runs by JUnit's legacy name, Class[n]: the n-th protocol.
        SurefireReport template = SurefireReport.read(reports, "com.example.EveryStoreTest");
        assertThat(template.cases()).as("@IpcmTest on a class: one case per protocol")
                .extracting(SurefireReport.Case::className)
                .containsExactly("com.example.EveryStoreTest[1]", "com.example.EveryStoreTest[2]");
        template.assertCountsEveryCase();

        SurefireReport engine = SurefireReport.read(reports, "com.example.LocalMemoryCertificationTest");
        assertThat(engine.cases()).as("certification cases, each classed as Scenario[protocol]").isNotEmpty()
                .allSatisfy(c -> assertThat(c.className()).matches("[A-Za-z]+(Scenarios|Properties)\\[LocalMemory]"))
                .extracting(SurefireReport.Case::className).contains("MessagingScenarios[LocalMemory]");
        engine.assertCountsEveryCase();
    }

    private static String pom() throws IOException {
        String dependencies = """
                    <dependency>
                      <groupId>dev.ipcm</groupId>
                      <artifactId>ipcm-junit</artifactId>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>dev.ipcm</groupId>
                      <artifactId>ipcm-engine</artifactId>
                      <scope>test</scope>
                    </dependency>
                """;
        String junitMd = Files.readString(ROOT.resolve("docs/junit.md"));
        int start = junitMd.indexOf("```xml\n<plugin>");
        assertThat(start).as("docs/junit.md gives the Surefire <plugin> block").isNotNegative();
        String plugin = junitMd.substring(start + "```xml\n".length(), junitMd.indexOf("```", start + 6));
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>consumer</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>dev.ipcm</groupId>
                        <artifactId>ipcm-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>%s</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                %s
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin>
                          <groupId>org.apache.maven.plugins</groupId>
                          <artifactId>maven-compiler-plugin</artifactId>
                          <version>3.14.1</version>
                        </plugin>
                      </plugins>
                    </pluginManagement>
                    <plugins>
                %s
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION, org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion(), dependencies,
                        plugin);
    }

    /** Lays one artifact into the private repository as an install would. */
    private static void lay(Path repo, String artifact, Path pom, Path jar) throws IOException {
        Path at = Files.createDirectories(repo.resolve("dev/ipcm/" + artifact + "/" + VERSION));
        Files.copy(pom, at.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            assertThat(jar).as("built by this reactor before the cli module").exists();
            Files.copy(jar, at.resolve(artifact + "-" + VERSION + ".jar"));
        }
    }

    private static Path userRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
