package dev.ipcm.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.ipcm.protocol.db.server.DatabaseServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Certifies the Perl reference IPC::Manager through its driver (driver/perl/ipcm-driver.pl) on
 * the stores it has: the whole conformance suite, as for any plugin. The reference does not pass
 * everything; what it fails is exactly the list in {@code perl-reference-divergences.txt}, each
 * explained in docs/decisions.md, so a new failure and a divergence that went away both fail here.
 */
class PerlReferenceCertificationTest {
    /**
     * Marks a divergence that shows only on some runs: a send that blocks on the reference's full
     * socket or FIFO while the receiver that would drain it waits behind it in the same
     * single-threaded driver. It is accepted failing or passing; every other line must fail.
     */
    private static final String MAY_FAIL = "~";

    /**
     * The stores certified: every store of the reference but ConnectionUnix, whose 4 MiB send
     * waits out the driver's 20 s cut-off; the database stores where a server is configured
     * (docs/decisions.md, "The reference through its driver"). {@code -Dipcm.perl.stores=...}
     * names others, {@code perl:ConnectionUnix} among them. This class certifies those that need
     * no server; {@link PerlReferenceServerCertificationTest} the others, in a test JVM of its own
     * beside this one.
     */
    private static final Map<DatabaseServers.Kind, String> DATABASE_STORES = Map.of(DatabaseServers.Kind.POSTGRESQL,
            "PostgreSQL", DatabaseServers.Kind.MARIADB, "MariaDB", DatabaseServers.Kind.MYSQL, "MySQL");

    static final List<String> STORES = System.getProperty("ipcm.perl.stores") != null
            ? List.of(System.getProperty("ipcm.perl.stores").split(","))
            : defaultStores();

    private static List<String> defaultStores() {
        List<String> stores = new ArrayList<>(List.of("perl:MessageFiles", "perl:JSONFile", "perl:AtomicPipe",
                "perl:UnixSocket", "perl:SQLite", "perl:LocalMemory"));
        for (DatabaseServers.Kind kind : DatabaseServers.Kind.values()) {
            if (DatabaseServers.configuredUrl(kind).isPresent()) {
                stores.add("perl:" + DATABASE_STORES.get(kind));
            }
        }
        return stores;
    }

    @BeforeAll
    static void startTheDriver() {
        System.setProperty(DriverSettings.PROPERTY, PerlReference.driverCommand());
    }

    static List<String> stores() {
        return STORES.stream().filter(s -> !isServerStore(s)).toList();
    }

    static boolean isServerStore(String store) {
        return DATABASE_STORES.containsValue(store.substring(store.indexOf(':') + 1));
    }

    // The whole suite on one store takes minutes, not the build's default limit for one test.
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("stores")
    void theReferenceFailsExactlyItsDocumentedDivergences(String store) {
        EngineExecutionResults results = EngineTestKit.engine("ipcm-certify")
                .configurationParameter("ipcm.protocols", store)
                .configurationParameter("ipcm.protocols.required", store)
                .configurationParameter("ipcm.certify.tries", "5")
                .configurationParameter("ipcm.property.seed", "20261206")
                .configurationParameter("jqwik.shrinking.default", "OFF")
                .selectors(selectPackage("dev.ipcm.conformance"))
                .execute();

        Set<String> failed = results.allEvents().failed().stream().map(PerlReferenceCertificationTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        results.allEvents().failed().stream().forEach(PerlReferenceCertificationTest::report);
        Divergences documented = Divergences.of(store);
        Set<String> certain = new TreeSet<>(failed);
        certain.removeAll(documented.possible());
        assertThat(certain).as("what the reference fails (driver/src/test/resources/perl-reference-divergences.txt)")
                .isEqualTo(documented.certain());
        assertThat(results.containerEvents().skipped().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("protocol")))
                .as("the store skipped (the driver could not run it)").isEmpty();
    }

    /** Each failure on stderr with its message, so a new one can be judged from the build log. */
    private static void report(Event e) {
        String why = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString).orElse("");
        System.err.println("FAILED " + key(e) + ": " + why.substring(0, Math.min(why.length(), 2000)));
    }

    /** {@code perl:MessageFiles MessagingScenarios/badNames}: the protocol, scenario class and case. */
    private static String key(Event e) {
        String protocol = "";
        String scenario = "";
        for (UniqueId.Segment s : e.getTestDescriptor().getUniqueId().getSegments()) {
            if (s.getType().equals("protocol")) {
                protocol = s.getValue();
            } else if (s.getType().equals("scenario")) {
                scenario = s.getValue().substring(s.getValue().lastIndexOf('.') + 1);
            }
        }
        String name = e.getTestDescriptor().getDisplayName().replaceFirst("\\(.*", "");
        return protocol + " " + (scenario.isEmpty() || scenario.equals(name) ? name : scenario + "/" + name);
    }

    /** What one store is documented to fail: every run ({@code certain}), or only some ({@code possible}). */
    private record Divergences(Set<String> certain, Set<String> possible) {
        static Divergences of(String store) {
            Divergences d = new Divergences(new TreeSet<>(), new TreeSet<>());
            try (var in = PerlReferenceCertificationTest.class.getResourceAsStream("/perl-reference-divergences.txt")) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
                            boolean mayFail = l.startsWith(MAY_FAIL);
                            String key = mayFail ? l.substring(MAY_FAIL.length()).strip() : l;
                            if (key.startsWith(store + " ")) {
                                (mayFail ? d.possible : d.certain).add(key);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return d;
        }
    }
}
