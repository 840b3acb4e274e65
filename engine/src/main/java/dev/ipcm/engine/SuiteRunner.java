package dev.ipcm.engine;

import dev.ipcm.junit.IpcmConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node.DynamicTestExecutor;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.opentest4j.TestAbortedException;

/**
 * Runs one scenario for one protocol through the in-process launcher (Jupiter and jqwik do the
 * work) and replays every test it ran as a dynamic child of the scenario node, as it finishes.
 */
final class SuiteRunner implements TestExecutionListener {
    /** Set to {@code true} in every inner run, so suite code can tell it runs under certification. */
    static final String INNER_RUN = "ipcm.certify.inner";

    private static final List<String> FORWARDED_PREFIXES = List.of(SystemPropertyBridge.HARNESS_PREFIX, "jqwik.", "junit.jupiter.");

    private final CertifyContext context;
    private final ScenarioDescriptor scenario;
    private final CertifiedProtocol protocol;
    private final DynamicTestExecutor dynamic;
    private final Map<String, List<ReportEntry>> entries = new HashMap<>();
    private final List<Throwable> containerFailures = new ArrayList<>();
    private TestPlan plan;
    private String classSkipped;
    private int cases;

    SuiteRunner(CertifyContext context, ScenarioDescriptor scenario, CertifiedProtocol protocol, DynamicTestExecutor dynamic) {
        this.context = context;
        this.scenario = scenario;
        this.protocol = protocol;
        this.dynamic = dynamic;
    }

    void run() throws Exception {
        Map<String, String> params = innerParameters(context.configuration(), protocol);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(scenario.innerSelectors())
                .filters(EngineFilter.excludeEngines(IpcmCertifyEngine.ENGINE_ID))
                .configurationParameters(params)
                .build();
        Duration timeout = Settings.timeout(context.configuration());
        try (SystemPropertyBridge ignored = SystemPropertyBridge.open(params)) {
            InnerRun.execute(context.newLauncher(), request, this, timeout,
                    "Scenario " + scenario.spec().type().getSimpleName() + " on " + protocol.name());
        }
        dynamic.awaitFinished();
        if (!containerFailures.isEmpty()) {
            Throwable first = containerFailures.get(0);
            containerFailures.subList(1, containerFailures.size()).forEach(first::addSuppressed);
            throw CaseDescriptor.<Exception>rethrow(first);
        }
        if (cases == 0) {
            if (classSkipped != null) {
                throw new TestAbortedException(classSkipped);
            }
            throw new AssertionError("Scenario " + scenario.spec().type().getName() + " ran no test for protocol "
                    + protocol.name() + " (selectors " + scenario.innerSelectors() + "); is it a Jupiter or jqwik test class?");
        }
    }

    /** The outer run's settings for the suite, with the protocol fixed to this one. */
    static Map<String, String> innerParameters(ConfigurationParameters outer, CertifiedProtocol protocol) {
        Map<String, String> params = new HashMap<>();
        for (String key : outer.keySet()) {
            if (FORWARDED_PREFIXES.stream().anyMatch(key::startsWith)) {
                outer.get(key).ifPresent(v -> params.put(key, v));
            }
        }
        // jqwik prints its tries and seed to standard output unless told to report through the platform.
        params.putIfAbsent("jqwik.reporting.usejunitplatform", "true");
        outer.get(CertifyParameters.TRIES).ifPresent(t -> {
            params.put("jqwik.tries.default", t);
            params.put(IpcmConfiguration.PROPERTY_TRIES, t);
        });
        params.put(IpcmConfiguration.PROTOCOLS, protocol.id());
        // The harness always adds required protocols to a run; an inner run certifies this one
        // protocol only, so it keeps just this protocol's own required flag (the engine's node
        // already fails a required protocol that cannot run).
        boolean required = outer.get(IpcmConfiguration.PROTOCOLS_REQUIRED).map(v -> List.of(v.split(",")).stream()
                .map(String::trim).anyMatch(n -> n.equalsIgnoreCase(protocol.id()) || n.equalsIgnoreCase(protocol.name())))
                .orElse(false);
        params.put(IpcmConfiguration.PROTOCOLS_REQUIRED, required ? protocol.id() : "");
        params.put(INNER_RUN, "true");
        return params;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (id.isTest()) {
            entries.computeIfAbsent(id.getUniqueId(), k -> new ArrayList<>()).add(entry);
        } else {
            context.listener().reportingEntryPublished(scenario, entry);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (isRoot(id)) {
            classSkipped = reason;
            return;
        }
        replay(CaseDescriptor.skipped(caseId(id), displayName(id), id.getSource().orElse(null), reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            replay(CaseDescriptor.finished(caseId(id), displayName(id), id.getSource().orElse(null), result,
                    entries.getOrDefault(id.getUniqueId(), List.of())));
        } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            if (isRoot(id)) {
                result.getThrowable().ifPresent(containerFailures::add);
                if (result.getThrowable().isEmpty()) {
                    containerFailures.add(new AssertionError(id.getDisplayName() + " " + result.getStatus()));
                }
            } else {
                // A container below the class (a test template, a nested class) failed on its own.
                replay(CaseDescriptor.finished(caseId(id), displayName(id), id.getSource().orElse(null), result, List.of()));
            }
        }
    }

    private void replay(CaseDescriptor child) {
        cases++;
        scenario.addChild(child);
        dynamic.execute(child);
    }

    private UniqueId caseId(TestIdentifier id) {
        return scenario.getUniqueId().append(CertifyResolver.CASE, id.getUniqueId());
    }

    /** The engine roots and the scenario class: their failures are the scenario's own. */
    private boolean isRoot(TestIdentifier id) {
        if (id.getParentId().isEmpty()) {
            return true;
        }
        return id.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                .map(s -> s.getClassName().equals(scenario.spec().type().getName())).orElse(false);
    }

    /** The test's name with the containers between it and the scenario class, e.g. {@code send() › [1] LocalMemory}. */
    private String displayName(TestIdentifier id) {
        StringBuilder name = new StringBuilder(id.getDisplayName());
        Optional<TestIdentifier> parent = parentOf(id);
        while (parent.isPresent() && !isRoot(parent.get())) {
            name.insert(0, parent.get().getDisplayName() + " › ");
            parent = parentOf(parent.get());
        }
        return name.toString();
    }

    private Optional<TestIdentifier> parentOf(TestIdentifier id) {
        return plan == null ? Optional.empty() : plan.getParent(id);
    }
}
