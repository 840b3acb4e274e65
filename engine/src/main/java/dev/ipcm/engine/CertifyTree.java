package dev.ipcm.engine;

import dev.ipcm.spi.Protocol;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

/**
 * How to read the certification tree from outside the engine (a launcher listener, a report):
 * which unique ids are protocols, scenarios and cases, and what skip reasons and tags mean.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CertifyTree {
    /** Segment type of a protocol node. */
    public static final String PROTOCOL = CertifyResolver.PROTOCOL;
    /** Segment type of a scenario node. */
    public static final String SCENARIO = CertifyResolver.SCENARIO;
    /** Segment type of a case node (one test or property the scenario ran). */
    public static final String CASE = CertifyResolver.CASE;
    /** Every skip reason of a scenario that does not apply to a protocol starts with this. */
    public static final String NOT_APPLICABLE = ScenarioDescriptor.NOT_APPLICABLE;

    private CertifyTree() {}

    /** The unique id that selects one protocol, for a launcher request. */
    public static UniqueId protocolId(Protocol protocol) {
        return UniqueId.forEngine(IpcmCertifyEngine.ENGINE_ID).append(PROTOCOL, CertifiedProtocol.of(protocol).id());
    }

    /** The kind of node a unique id names: {@link #PROTOCOL}, {@link #SCENARIO}, {@link #CASE}, or empty. */
    public static Optional<String> kind(UniqueId id) {
        if (id.getEngineId().filter(IpcmCertifyEngine.ENGINE_ID::equals).isEmpty()) {
            return Optional.empty();
        }
        String type = id.getLastSegment().getType();
        return type.equals(PROTOCOL) || type.equals(SCENARIO) || type.equals(CASE) ? Optional.of(type) : Optional.empty();
    }

    /** The scenario group a node's tags carry. */
    public static Optional<String> group(Iterable<TestTag> tags) {
        for (TestTag t : tags) {
            if (t.getName().startsWith(ScenarioDescriptor.GROUP_TAG)) {
                return Optional.of(t.getName().substring(ScenarioDescriptor.GROUP_TAG.length()));
            }
        }
        return Optional.empty();
    }
}
