package dev.ipcm.engine;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the conformance suite from running twice. Where the certification engine is on the class
 * path, a run that reaches the conformance classes directly (an IDE run of their package, a
 * {@code @Suite} that selects them) would also have Jupiter and jqwik run them against every
 * protocol; this filter, registered with the launcher through {@code META-INF/services}, removes
 * those copies so the certification tree is the one place they run. The engine's own inner
 * launcher does not load it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ConformanceDuplicatesFilter implements PostDiscoveryFilter {
    private final Set<String> scenarioClasses;

    /** The filter for the conformance suite's classes. */
    public ConformanceDuplicatesFilter() {
        this.scenarioClasses = new ConformanceScenarios().scenarios().stream().map(s -> s.type().getName())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (descriptor.getUniqueId().getEngineId().filter(IpcmCertifyEngine.ENGINE_ID::equals).isPresent()) {
            return FilterResult.included("the certification engine's own node");
        }
        Optional<String> type = descriptor.getSource().flatMap(ConformanceDuplicatesFilter::className);
        if (type.isPresent() && scenarioClasses.contains(type.get())) {
            return FilterResult.excluded(type.get() + " is a conformance scenario, run once per protocol by the "
                    + IpcmCertifyEngine.ENGINE_ID + " engine");
        }
        return FilterResult.included("not a conformance scenario");
    }

    private static Optional<String> className(TestSource source) {
        if (source instanceof ClassSource) {
            return Optional.of(((ClassSource) source).getClassName());
        }
        if (source instanceof MethodSource) {
            return Optional.of(((MethodSource) source).getClassName());
        }
        return Optional.empty();
    }
}
