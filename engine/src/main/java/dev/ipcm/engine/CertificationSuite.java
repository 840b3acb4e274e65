package dev.ipcm.engine;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The scenarios the engine runs against each protocol. The default is the conformance suite;
 * another can be named with {@value CertifyParameters#SUITE} (the engine's own tests do).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface CertificationSuite {
    /** The scenarios, in the order they run. */
    List<ScenarioSpec> scenarios();
}
