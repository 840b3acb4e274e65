package dev.ipcm.engine;

import dev.ipcm.Protocols;
import dev.ipcm.UnknownProtocolException;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.spi.Protocol;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver.InitializationContext;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Turns selectors into the certification tree. A class annotated {@link IpcmCertification},
 * a protocol plugin class, or the engine's unique id selects protocols (each with every
 * scenario); a scenario class or one of its methods selects that scenario under every selected
 * protocol; a unique id selects exactly the node it names, down to one test inside a scenario.
 * Package, class-path-root and module selectors reach this through the class resolver, for
 * annotated classes and scenario classes only: plugin classes must be named, so scanning a
 * module that holds deliberately broken plugins does not certify them by accident.
 */
final class CertifyResolver implements SelectorResolver {
    static final String PROTOCOL = "protocol";
    static final String SCENARIO = "scenario";
    static final String CASE = "case";

    private final UniqueId engineId;
    private final Settings settings;
    private final DiscoveryIssueReporter issues;
    private List<ScenarioSpec> scenarios;
    private IllegalStateException suiteError;
    private List<CertifiedProtocol> defaultProtocols;

    CertifyResolver(InitializationContext<CertifyEngineDescriptor> init) {
        this.engineId = init.getEngineDescriptor().getUniqueId();
        this.settings = Settings.from(init.getDiscoveryRequest().getConfigurationParameters());
        this.issues = DiscoveryIssueReporter.deduplicating(init.getIssueReporter());
    }

    /** Which scanned classes (package, class-path root, module selectors) this engine takes. */
    static Predicate<Class<?>> scanPredicate(InitializationContext<CertifyEngineDescriptor> init) {
        Settings settings = Settings.from(init.getDiscoveryRequest().getConfigurationParameters());
        Set<Class<?>> scenarioTypes = new LinkedHashSet<>();
        try {
            Suites.load(settings.suite()).scenarios().forEach(s -> scenarioTypes.add(s.type()));
        } catch (IllegalStateException e) {
            // Without a suite only annotated classes are taken; the resolver reports the missing
            // suite if one of them then needs it.
        }
        return c -> c.isAnnotationPresent(IpcmCertification.class) || scenarioTypes.contains(c);
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        IpcmCertification certification = type.getAnnotation(IpcmCertification.class);
        if (certification != null) {
            return protocols(context, selected(List.of(certification.protocols()), ClassSource.from(type)));
        }
        if (Protocol.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            try {
                return protocols(context, List.of(CertifiedProtocol.ofClass(type)));
            } catch (UnknownProtocolException e) {
                issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Cannot certify protocol plugin "
                        + type.getName() + ": " + e.getMessage()).source(ClassSource.from(type)).cause(e));
                return Resolution.unresolved();
            }
        }
        return scenarioFor(type).map(spec -> scenarios(context, spec, ScenarioDescriptor::selectWhole))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        DiscoverySelector narrow = DiscoverySelectors.selectMethod(type, selector.getJavaMethod());
        return scenarioFor(type).map(spec -> scenarios(context, spec, d -> d.narrow(narrow)))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        if (!id.hasPrefix(engineId)) {
            return Resolution.unresolved();
        }
        List<UniqueId.Segment> rest = id.getSegments().subList(engineId.getSegments().size(), id.getSegments().size());
        if (rest.isEmpty()) {
            return protocols(context, selected(List.of(), null));
        }
        if (!rest.get(0).getType().equals(PROTOCOL) || rest.size() > 3) {
            return unknownId(id, "it does not name a protocol node");
        }
        CertifiedProtocol protocol;
        try {
            protocol = CertifiedProtocol.byName(rest.get(0).getValue());
        } catch (UnknownProtocolException e) {
            issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Cannot select " + id + ": " + e.getMessage()).cause(e));
            return Resolution.unresolved();
        }
        if (rest.size() == 1) {
            return protocols(context, List.of(protocol));
        }
        if (!rest.get(1).getType().equals(SCENARIO)) {
            return unknownId(id, "its second segment is not a scenario");
        }
        Optional<ScenarioSpec> spec = scenarioNamed(rest.get(1).getValue());
        if (spec.isEmpty()) {
            return unknownId(id, "the suite has no scenario " + rest.get(1).getValue());
        }
        if (rest.size() == 2) {
            return scenario(context, protocol, spec.get(), ScenarioDescriptor::selectWhole);
        }
        if (!rest.get(2).getType().equals(CASE)) {
            return unknownId(id, "its third segment is not a case");
        }
        UniqueId inner = UniqueId.parse(rest.get(2).getValue());
        return scenario(context, protocol, spec.get(), d -> d.narrow(DiscoverySelectors.selectUniqueId(inner)));
    }

    private Resolution unknownId(UniqueId id, String why) {
        issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "Cannot select " + id + ": " + why
                + "; certification ids look like [engine:" + IpcmCertifyEngine.ENGINE_ID + "]/[protocol:NAME]"
                + "/[scenario:CLASS]/[case:ID]"));
        return Resolution.unresolved();
    }

    /**
     * The protocols to certify: those an annotation names, else those the configuration names,
     * else every protocol found (the harness's {@code @IpcmTest} chooses the same way).
     */
    private List<CertifiedProtocol> selected(List<String> annotated, TestSource source) {
        if (annotated.isEmpty()) {
            return all();
        }
        return resolve(annotated, "@IpcmCertification", source);
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

    /** The configured protocols, else every one on the class path; computed (and reported) once. */
    private List<CertifiedProtocol> all() {
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

    private Resolution protocols(Context context, List<CertifiedProtocol> protocols) {
        Set<Match> matches = new LinkedHashSet<>();
        for (CertifiedProtocol p : protocols) {
            context.addToParent(parent -> Optional.of(new ProtocolDescriptor(parent.getUniqueId().append(PROTOCOL, p.id()),
                    p, settings.isRequired(p.name(), p.id()))))
                    .ifPresent(d -> matches.add(Match.exact(d, () -> scenarioSelectors(d.getUniqueId()))));
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    private Set<DiscoverySelector> scenarioSelectors(UniqueId protocolId) {
        Set<DiscoverySelector> out = new LinkedHashSet<>();
        for (ScenarioSpec spec : scenarios(true)) {
            if (settings.includesGroup(spec.group())) {
                out.add(DiscoverySelectors.selectUniqueId(protocolId.append(SCENARIO, spec.type().getName())));
            }
        }
        return out;
    }

    /** One scenario under every selected protocol. */
    private Resolution scenarios(Context context, ScenarioSpec spec, Consumer<ScenarioDescriptor> selection) {
        Set<Match> matches = new LinkedHashSet<>();
        for (CertifiedProtocol p : all()) {
            matches.addAll(scenario(context, p, spec, selection).getMatches());
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    private Resolution scenario(Context context, CertifiedProtocol protocol, ScenarioSpec spec,
            Consumer<ScenarioDescriptor> selection) {
        UniqueId protocolId = engineId.append(PROTOCOL, protocol.id());
        Optional<ScenarioDescriptor> d = context.addToParent(() -> DiscoverySelectors.selectUniqueId(protocolId),
                parent -> Optional.of(new ScenarioDescriptor(parent.getUniqueId().append(SCENARIO, spec.type().getName()),
                        spec, protocol)));
        d.ifPresent(selection);
        return d.map(x -> Resolution.match(Match.exact(x))).orElse(Resolution.unresolved());
    }

    private Optional<ScenarioSpec> scenarioFor(Class<?> type) {
        // Quiet: any class a build tool sends comes here, and most are not scenarios.
        return scenarios(false).stream().filter(s -> s.type().equals(type)).findFirst();
    }

    private Optional<ScenarioSpec> scenarioNamed(String className) {
        return scenarios(true).stream().filter(s -> s.type().getName().equals(className)).findFirst();
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
