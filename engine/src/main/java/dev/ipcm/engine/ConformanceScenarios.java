package dev.ipcm.engine;

import dev.ipcm.Capability;
import dev.ipcm.conformance.ConformanceSuite;
import dev.ipcm.conformance.ScenarioGroup;
import dev.ipcm.junit.IpcmProperties;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.junit.RequiresCapability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The conformance suite as the engine sees it: one scenario per class of
 * {@link ConformanceSuite#classes()}, in its {@link ScenarioGroup}, requiring the capabilities the
 * class itself declares. Requirements of single methods stay with the harness, which skips
 * those tests with the reason.
 */
final class ConformanceScenarios implements CertificationSuite {
    @Override
    public List<ScenarioSpec> scenarios() {
        List<ScenarioSpec> out = new ArrayList<>();
        for (Class<?> type : ConformanceSuite.classes()) {
            ScenarioGroup group = type.getAnnotation(ScenarioGroup.class);
            out.add(new ScenarioSpec(type, group == null ? "other" : group.value(), requires(type)));
        }
        return out;
    }

    private static Set<Capability> requires(Class<?> type) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        RequiresCapability r = type.getAnnotation(RequiresCapability.class);
        if (r != null) {
            out.addAll(List.of(r.value()));
        }
        IpcmTest t = type.getAnnotation(IpcmTest.class);
        if (t != null) {
            out.addAll(List.of(t.requires()));
        }
        IpcmProperties p = type.getAnnotation(IpcmProperties.class);
        if (p != null) {
            out.addAll(List.of(p.requires()));
        }
        return out;
    }
}
