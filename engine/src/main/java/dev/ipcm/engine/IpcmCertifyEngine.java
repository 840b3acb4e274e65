package dev.ipcm.engine;

import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;

/**
 * The certification engine: a JUnit Platform {@code TestEngine} that runs the conformance
 * suite against protocol plugins, one node per protocol, one per scenario under it, and one per
 * test or property the scenario ran (with the seed of every property).
 *
 * <p>It only delegates: discovery to {@link CertifyResolver} through the platform's resolver,
 * execution to the nodes, which run the suite through an in-process launcher.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpcmCertifyEngine extends HierarchicalTestEngine<CertifyContext> {
    /** The engine id, the first segment of every unique id this engine creates. */
    public static final String ENGINE_ID = "ipcm-certify";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        PlatformVersion.require();
        CertifyEngineDescriptor engine = new CertifyEngineDescriptor(uniqueId);
        EngineDiscoveryRequestResolver.<CertifyEngineDescriptor>builder()
                .addClassContainerSelectorResolverWithContext(ctx -> CertifyResolver.scanPredicate(ctx))
                .addSelectorResolver(CertifyResolver::new)
                .build()
                .resolve(RootSelection.expand(request, uniqueId), engine);
        return engine;
    }

    @Override
    protected CertifyContext createExecutionContext(ExecutionRequest request) {
        return new CertifyContext(request.getConfigurationParameters(), request.getEngineExecutionListener());
    }
}
