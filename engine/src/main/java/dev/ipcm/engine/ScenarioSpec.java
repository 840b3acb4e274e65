package dev.ipcm.engine;

import dev.ipcm.Capability;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One scenario of a certification suite: a test class (Jupiter or jqwik) that runs against
 * whichever protocol the configuration parameter {@value dev.ipcm.junit.IpcmConfiguration#PROTOCOLS} names.
 *
 * @param type the test class
 * @param group the group it is reported under in the certification matrix
 * @param requires capabilities without which the scenario does not apply
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScenarioSpec(Class<?> type, String group, Set<Capability> requires) {
    public ScenarioSpec {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(group, "group must not be null");
        requires = Set.copyOf(requires);
    }
}
