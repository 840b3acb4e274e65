package dev.ipcm.engine;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One scenario class run against one protocol. What it ran appears as dynamic children;
 * a scenario whose required capabilities the protocol lacks is skipped as not applicable.
 */
final class ScenarioDescriptor extends AbstractTestDescriptor implements Node<CertifyContext> {
    /** Every skip reason for a scenario that does not apply starts with this. */
    static final String NOT_APPLICABLE = "not applicable: ";
    /** Prefix of the tag that carries a scenario's group, e.g. {@code ipcm-group:messaging}. */
    static final String GROUP_TAG = "ipcm-group:";

    private final ScenarioSpec spec;
    private final CertifiedProtocol protocol;
    private final Set<DiscoverySelector> narrowed = new LinkedHashSet<>();
    private boolean whole;

    ScenarioDescriptor(UniqueId uniqueId, ScenarioSpec spec, CertifiedProtocol protocol) {
        super(uniqueId, spec.type().getSimpleName(), ClassSource.from(spec.type()));
        this.spec = spec;
        this.protocol = protocol;
    }

    /** Runs the whole scenario (a class or unique id selector named it). */
    void selectWhole() {
        whole = true;
    }

    /** Runs part of the scenario (a method or one case); ignored once the whole is selected. */
    void narrow(DiscoverySelector selector) {
        narrowed.add(selector);
    }

    /** What the inner launcher is asked to run. */
    List<DiscoverySelector> innerSelectors() {
        return whole || narrowed.isEmpty() ? List.of(DiscoverySelectors.selectClass(spec.type()))
                : new ArrayList<>(narrowed);
    }

    ScenarioSpec spec() {
        return spec;
    }

    /**
     * The name flat reports use: Surefire's XML takes a case's class name from here, and the
     * scenario's simple name alone would not tell one protocol's failure from another's.
     */
    @Override
    public String getLegacyReportingName() {
        return spec.type().getSimpleName() + "[" + protocol.name() + "]";
    }

    /** The group as a tag, so reports (and tag filters) can use it. */
    @Override
    public Set<TestTag> getTags() {
        String tag = GROUP_TAG + spec.group().trim().replaceAll("[\\s,()&|!]+", "-");
        return TestTag.isValid(tag) ? Set.of(TestTag.create(tag)) : Set.of();
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public SkipResult shouldBeSkipped(CertifyContext context) {
        Capabilities declared = protocol.protocol().capabilities();
        Set<Capability> missing = EnumSet.noneOf(Capability.class);
        missing.addAll(spec.requires());
        missing.removeIf(declared::has);
        if (missing.isEmpty()) {
            return SkipResult.doNotSkip();
        }
        return SkipResult.skip(NOT_APPLICABLE + "needs " + missing.stream().map(Enum::name).collect(Collectors.joining(", "))
                + ", which " + protocol.name() + " does not declare");
    }

    @Override
    public CertifyContext execute(CertifyContext context, DynamicTestExecutor dynamic) throws Exception {
        new SuiteRunner(context, this, protocol, dynamic).run();
        return context;
    }
}
