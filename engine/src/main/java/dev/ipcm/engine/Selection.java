package dev.ipcm.engine;

import dev.ipcm.spi.Protocols;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.spi.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * What one discovery request can select: the protocols (those named, else the configured ones,
 * else every one on the class path) and the suite's scenarios, each found once. Every problem on
 * the way (an unknown protocol name, a suite that cannot be loaded) is reported as a discovery
 * issue of severity ERROR, once.
 */
final class Selection {
    private final Settings settings;
    private final DiscoveryIssueReporter issues;
    private List<ScenarioSpec> scenarios;
    private IllegalStateException suiteError;
    private List<CertifiedProtocol> defaultProtocols;

    Selection(Settings settings, DiscoveryIssueReporter issues) {
        this.settings = settings;
        this.issues = issues;
    }

    /**
     * The protocols to certify: those an annotation names, else those the configuration names,
     * else every protocol found (the harness's {@code @IpcmTest} chooses the same way).
     */
    List<CertifiedProtocol> protocols(List<String> annotated, TestSource source) {
        return annotated.isEmpty() ? defaultProtocols() : resolve(annotated, "@IpcmCertification", source);
    }

    /** The configured protocols, else every one on the class path; computed (and reported) once. */
    List<CertifiedProtocol> defaultProtocols() {
        if (defaultProtocols == null) {
            Optional<List<String>> configured = settings.protocols();
            if (configured.isPresent()) {
                defaultProtocols = resolve(configured.get(), "configuration parameter " + IpcmConfiguration.PROTOCOLS, null);
            } else {
                defaultProtocols = Protocols.all().values().stream().map(CertifiedProtocol::of).collect(Collectors.toList());
                if (defaultProtocols.isEmpty()) {
                    issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "No ipcm protocol is on the class path: "
                            + "a plugin registers its Protocol in META-INF/services/" + Protocol.class.getName()));
                }
            }
        }
        return defaultProtocols;
    }

    /** The protocol a unique id names, or empty with the reason reported. */
    Optional<CertifiedProtocol> protocolOf(UniqueId id, String name) {
        try {
            return Optional.of(CertifiedProtocol.byName(name));
        } catch (UnknownProtocolException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Cannot select " + id + ": " + e.getMessage()).cause(e));
            return Optional.empty();
        }
    }

    /** Whether an unavailable protocol must fail rather than be skipped. */
    boolean isRequired(CertifiedProtocol protocol) {
        return settings.isRequired(protocol.name(), protocol.id());
    }

    /** Selectors for the scenarios of the selected groups under one protocol node. */
    Set<DiscoverySelector> scenarioSelectors(UniqueId protocolId) {
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        for (ScenarioSpec spec : scenarios(true)) {
            if (settings.includesGroup(spec.group())) {
                out.add(DiscoverySelectors.selectUniqueId(protocolId.append(CertifyResolver.SCENARIO, spec.type().getName())));
            }
        }
        return out;
    }

    /** The scenario of this class, if it is one; quiet, because any class a build tool sends comes here. */
    Optional<ScenarioSpec> scenarioFor(Class<?> type) {
        return scenarios(false).stream().filter(s -> s.type().equals(type)).findFirst();
    }

    /** The scenario a unique id names by its class name. */
    Optional<ScenarioSpec> scenarioNamed(String className) {
        return scenarios(true).stream().filter(s -> s.type().getName().equals(className)).findFirst();
    }

    private List<CertifiedProtocol> resolve(List<String> names, String where, TestSource source) {
        List<CertifiedProtocol> out = new ArrayList<>();
        for (String name : names) {
            try {
                out.add(CertifiedProtocol.byName(name));
            } catch (UnknownProtocolException e) {
                issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Protocol '" + name + "' named by " + where
                        + " cannot be certified: " + e.getMessage()).source(Optional.ofNullable(source)).cause(e));
            }
        }
        return out;
    }

    /** The suite's scenarios; a suite that cannot be loaded is reported when {@code needed}. */
    private List<ScenarioSpec> scenarios(boolean needed) {
        if (scenarios == null) {
            try {
                scenarios = Suites.load(settings.suite()).scenarios();
            } catch (IllegalStateException e) {
                scenarios = List.of();
                suiteError = e;
            }
        }
        if (needed && suiteError != null) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, suiteError.getMessage()).cause(suiteError));
        }
        return scenarios;
    }
}
