package dev.ipcm.engine;

import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Protocol;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoverySelector;
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
    private final DiscoveryIssueReporter issues;
    private final Selection selection;

    CertifyResolver(InitializationContext<CertifyEngineDescriptor> init) {
        this.engineId = init.getEngineDescriptor().getUniqueId();
        this.issues = DiscoveryIssueReporter.deduplicating(init.getIssueReporter());
        this.selection = new Selection(Settings.from(init.getDiscoveryRequest().getConfigurationParameters()), issues);
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
            Class<?> askedBy = type == RootSelection.EveryProtocol.class ? null : type;
            return protocols(context, selection.protocols(List.of(certification.protocols()), ClassSource.from(type)), askedBy);
        }
        if (Protocol.class.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
            try {
                return protocols(context, List.of(CertifiedProtocol.ofClass(type)), null);
            } catch (UnknownProtocolException e) {
                issues.reportIssue(DiscoveryIssue.builder(Severity.ERROR, "Cannot certify protocol plugin "
                        + type.getName() + ": " + e.getMessage()).source(ClassSource.from(type)).cause(e));
                return Resolution.unresolved();
            }
        }
        return selection.scenarioFor(type).map(spec -> scenarios(context, spec, ScenarioDescriptor::selectWhole))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> type = selector.getJavaClass();
        DiscoverySelector narrow = DiscoverySelectors.selectMethod(type, selector.getJavaMethod());
        return selection.scenarioFor(type).map(spec -> scenarios(context, spec, d -> d.narrow(narrow)))
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
            return protocols(context, selection.defaultProtocols(), null);
        }
        if (!rest.get(0).getType().equals(PROTOCOL) || rest.size() > 3) {
            return unknownId(id, "it does not name a protocol node");
        }
        Optional<CertifiedProtocol> named = selection.protocolOf(id, rest.get(0).getValue());
        if (named.isEmpty()) {
            return Resolution.unresolved();
        }
        CertifiedProtocol protocol = named.get();
        if (rest.size() == 1) {
            return protocols(context, List.of(protocol), null);
        }
        if (!rest.get(1).getType().equals(SCENARIO)) {
            return unknownId(id, "its second segment is not a scenario");
        }
        Optional<ScenarioSpec> spec = selection.scenarioNamed(rest.get(1).getValue());
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

    /** The protocol nodes, sourced from the annotated class that asked for them, else (null) their plugin class. */
    private Resolution protocols(Context context, List<CertifiedProtocol> protocols, Class<?> askedBy) {
        Set<Match> matches = new LinkedHashSet<>();
        for (CertifiedProtocol p : protocols) {
            Class<?> source = askedBy != null ? askedBy : p.protocol().getClass();
            context.addToParent(parent -> Optional.of(new ProtocolDescriptor(parent.getUniqueId().append(PROTOCOL, p.id()),
                    p, selection.isRequired(p), source)))
                    .ifPresent(d -> matches.add(Match.exact(d, () -> selection.scenarioSelectors(d.getUniqueId()))));
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    /** One scenario under every selected protocol. */
    private Resolution scenarios(Context context, ScenarioSpec spec, Consumer<ScenarioDescriptor> narrowing) {
        Set<Match> matches = new LinkedHashSet<>();
        for (CertifiedProtocol p : selection.defaultProtocols()) {
            matches.addAll(scenario(context, p, spec, narrowing).getMatches());
        }
        return matches.isEmpty() ? Resolution.unresolved() : Resolution.matches(matches);
    }

    private Resolution scenario(Context context, CertifiedProtocol protocol, ScenarioSpec spec,
            Consumer<ScenarioDescriptor> narrowing) {
        UniqueId protocolId = engineId.append(PROTOCOL, protocol.id());
        Optional<ScenarioDescriptor> d = context.addToParent(() -> DiscoverySelectors.selectUniqueId(protocolId),
                parent -> Optional.of(new ScenarioDescriptor(parent.getUniqueId().append(SCENARIO, spec.type().getName()),
                        spec, protocol)));
        d.ifPresent(narrowing);
        return d.map(x -> Resolution.match(Match.exact(x))).orElse(Resolution.unresolved());
    }
}
