package dev.ipcm.cli;

import dev.ipcm.driver.DriverProtocolProvider;
import dev.ipcm.spi.Protocols;
import dev.ipcm.engine.CertifyParameters;
import dev.ipcm.engine.CertifyTree;
import dev.ipcm.engine.IpcmCertifyEngine;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.Capability;
import dev.ipcm.spi.Protocol;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ipcm certify}: runs the conformance suite against protocols on this machine and reports a matrix. */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Certify protocols on this machine: run the conformance suite against each (in this JVM), "
                + "print a matrix of protocol x scenario group, and write an HTML and a JSON report.",
            "Without --protocols: every protocol on the class path that needs no server, plus each server "
                + "protocol whose URL is configured (IPCM_<NAME>_URL or --config ipcm.<name>.url=...).",
            "Progress goes to standard error, the matrix and seeds to standard output. Exit 0 when every "
                + "protocol that could run passed, 4 when one failed."})
final class CertifyCommand implements Callable<Integer> {
    static final String DEFAULT_REPORT_DIR = "ipcm-report";

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--protocols", paramLabel = "LIST", split = ",",
            description = "Protocols to certify, by name (comma list).")
    List<String> protocols;

    @Option(names = "--driver", paramLabel = "COMMAND",
            description = "Certify an implementation in another language through its driver (docs/driver-protocol.md), "
                    + "e.g. \"perl driver/perl/ipcm-driver.pl\": its stores become protocols named <driver>:<store> "
                    + "(perl:MessageFiles). Without --protocols every store it announces; --protocols takes either name.")
    String driver;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = DEFAULT_REPORT_DIR,
            description = "Directory for certification.html and certification.json (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--tries", paramLabel = "N", description = "Tries per property (default: the suite's).")
    Integer tries;

    /** The tries per property of a thorough run; the suite's default (20) is for a quick one. */
    static final int THOROUGH_TRIES = 200;

    @Option(names = "--thorough", description = "Run " + THOROUGH_TRIES + " tries per property instead of the suite's quick default "
            + "(--tries wins when both are given).")
    boolean thorough;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "A JUnit Platform configuration parameter for the run, e.g. ipcm.postgresql.url=... (repeatable).")
    Map<String, String> config = new LinkedHashMap<>();

    CertifyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<Protocol> chosen;
        if (driver != null) {
            DriverProtocolProvider.configure(driver);
            chosen = DriverChoice.choose(DriverProtocolProvider.protocolsOf(driver), protocols);
        } else {
            chosen = protocols == null ? defaults() : named(protocols);
        }
        if (tries == null && thorough) {
            tries = THOROUGH_TRIES;
        }
        if (tries != null) {
            if (tries < 1) {
                throw new ParameterException(spec.commandLine(), "--tries must be at least 1, got " + tries);
            }
            config.put(CertifyParameters.TRIES, Integer.toString(tries));
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        chosen.forEach(p -> selectors.add(DiscoverySelectors.selectUniqueId(CertifyTree.protocolId(p))));
        ctx.err().println("ipcm certify: " + chosen.stream().map(Protocol::name).toList());
        ctx.err().flush();

        CertificationListener listener = new CertificationListener(ctx.err());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines(IpcmCertifyEngine.ENGINE_ID))
                .configurationParameters(config)
                .build();
        // Standard output carries the matrix alone: whatever the suite and the test engines print
        // while they run goes to standard error with the progress lines.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            System.setOut(stdout);
        }
        Certification result = listener.result();

        CertificationMatrix.lines(result).forEach(ctx::println);
        List<String> seeds = result.seeds();
        if (!seeds.isEmpty()) {
            ctx.println("");
            ctx.println("Seeds:");
            seeds.forEach(s -> ctx.println("  " + s));
        }
        result.errors.forEach(e -> ctx.err().println("ipcm certify: " + e));
        List<Path> written = CertificationReports.write(result, reportDir, Instant.now());
        ctx.println("");
        ctx.println("Reports: " + written.get(0) + ", " + written.get(1));
        ctx.println(result.failed() ? "Certification FAILED" : "Certification passed");
        return result.failed() ? ExitCodes.NOT_CERTIFIED : ExitCodes.OK;
    }

    /** Every protocol that needs no server, and each server protocol whose URL is configured. */
    private List<Protocol> defaults() {
        List<Protocol> out = new ArrayList<>();
        for (Protocol p : Protocols.all().values()) {
            if (!p.capabilities().has(Capability.REQUIRES_SERVER) || serverConfigured(p.name())) {
                out.add(p);
            }
        }
        return out;
    }

    private boolean serverConfigured(String name) {
        String env = ctx.env("IPCM_" + name.toUpperCase(Locale.ROOT) + "_URL");
        return config.containsKey(IpcmConfiguration.urlKey(name)) || (env != null && !env.isBlank());
    }

    /** The named protocols; an unknown name is a usage mistake listing the known ones. */
    private static List<Protocol> named(List<String> names) {
        List<Protocol> out = new ArrayList<>();
        for (String n : names) {
            if (!n.isBlank()) {
                out.add(Protocols.byName(n.trim()));
            }
        }
        return out;
    }
}
