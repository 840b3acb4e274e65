package dev.ipcm.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryListener;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * Selecting the engine's own unique id (an IDE re-running the root node) means "certify every
 * protocol". The platform's resolver treats that id as already resolved and would select
 * nothing, so the request is shown to it with that selector replaced by {@link EveryProtocol}.
 */
final class RootSelection implements EngineDiscoveryRequest {
    /** Stands for "every protocol the configuration selects, or every one on the class path". */
    @IpcmCertification
    static final class EveryProtocol {
        private EveryProtocol() {}
    }

    private final EngineDiscoveryRequest delegate;
    private final UniqueId engineId;

    private RootSelection(EngineDiscoveryRequest delegate, UniqueId engineId) {
        this.delegate = delegate;
        this.engineId = engineId;
    }

    static EngineDiscoveryRequest expand(EngineDiscoveryRequest request, UniqueId engineId) {
        boolean root = request.getSelectorsByType(UniqueIdSelector.class).stream()
                .anyMatch(s -> s.getUniqueId().equals(engineId));
        return root ? new RootSelection(request, engineId) : request;
    }

    @Override
    public <T extends DiscoverySelector> List<T> getSelectorsByType(Class<T> type) {
        List<T> out = delegate.getSelectorsByType(type).stream()
                .filter(s -> !(s instanceof UniqueIdSelector && ((UniqueIdSelector) s).getUniqueId().equals(engineId)))
                .collect(Collectors.toCollection(ArrayList::new));
        DiscoverySelector every = DiscoverySelectors.selectClass(EveryProtocol.class);
        if (type.isInstance(every)) {
            out.add(type.cast(every));
        }
        return out;
    }

    @Override
    public <T extends DiscoveryFilter<?>> List<T> getFiltersByType(Class<T> type) {
        return delegate.getFiltersByType(type);
    }

    @Override
    public ConfigurationParameters getConfigurationParameters() {
        return delegate.getConfigurationParameters();
    }

    @Override
    public EngineDiscoveryListener getDiscoveryListener() {
        return delegate.getDiscoveryListener();
    }

    @Override
    public OutputDirectoryCreator getOutputDirectoryCreator() {
        return delegate.getOutputDirectoryCreator();
    }
}
