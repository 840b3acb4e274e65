package dev.ipcm.conformance;

import java.lang.reflect.Method;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One scenario of the conformance suite: where it lives and how to name it in a report.
 *
 * @param group the group ({@link ScenarioGroup}), e.g. {@code messaging}
 * @param name the scenario's stable name ({@link ScenarioName}), e.g. {@code generic}
 * @param testClass the class that holds it
 * @param method the test or property method
 * @param kind whether Jupiter or jqwik runs it
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Scenario(String group, String name, Class<?> testClass, Method method, Kind kind) {
    /** Which test engine runs a scenario. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** A Jupiter test in an {@code @IpcmTest} class: run once per protocol. */
        EXAMPLE,
        /** A jqwik property in an {@code @IpcmProperties} class: each try is checked on every protocol. */
        PROPERTY
    }

    /** Checks the parts. */
    public Scenario {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(testClass, "testClass must not be null");
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
    }

    /** {@code group/name}: unique in the suite and stable across releases. */
    public String id() {
        return group + "/" + name;
    }
}
