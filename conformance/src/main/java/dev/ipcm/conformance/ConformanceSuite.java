package dev.ipcm.conformance;

import dev.ipcm.IpcmException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Property;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite as data: every scenario class and every scenario in it, with its stable
 * group and name. Scenarios never name a protocol; the harness injects it
 * ({@code @IpcmTest}/{@code @IpcmProperties}), so the protocols run are chosen by the
 * configuration parameter {@code ipcm.protocols} (default: every protocol on the class path).
 *
 * <p>A plugin author runs the suite by selecting {@link #classes()} with any JUnit Platform
 * launcher (or the {@code @Suite} shown in docs/conformance.md); an engine can use
 * {@link #scenarios()} to build its tree and select single methods.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConformanceSuite {
    private static final List<Class<?>> EXAMPLES = List.of(MessagingScenarios.class, PeerScenarios.class,
            LifecycleScenarios.class, ErrorScenarios.class, CrossProcessScenarios.class, ServiceScenarios.class,
            ServiceCallbackScenarios.class, ServiceProbeScenarios.class, ServiceProcessScenarios.class,
            FidelityScenarios.class, NameFidelityScenarios.class, MixedPairScenarios.class);
    private static final List<Class<?>> PROPERTIES = List.of(DeliveryProperties.class, SuspendProperties.class,
            PeerProperties.class, CrossProcessProperties.class, FidelityProperties.class);

    private ConformanceSuite() {}

    /** Every scenario class: Jupiter classes first, then jqwik property classes. */
    public static List<Class<?>> classes() {
        List<Class<?>> all = new ArrayList<>(EXAMPLES);
        all.addAll(PROPERTIES);
        return List.copyOf(all);
    }

    /** The Jupiter ({@code @IpcmTest}) scenario classes. */
    public static List<Class<?>> exampleClasses() {
        return EXAMPLES;
    }

    /** The jqwik ({@code @IpcmProperties}) scenario classes. */
    public static List<Class<?>> propertyClasses() {
        return PROPERTIES;
    }

    /** Every scenario, in class order then by name. */
    public static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Class<?> type : classes()) {
            ScenarioGroup group = type.getAnnotation(ScenarioGroup.class);
            if (group == null) {
                throw new IpcmException("Scenario class " + type.getName() + " lacks @ScenarioGroup");
            }
            List<Scenario> inClass = new ArrayList<>();
            for (Method m : type.getDeclaredMethods()) {
                ScenarioName name = m.getAnnotation(ScenarioName.class);
                if (name == null) {
                    continue;
                }
                Scenario.Kind kind = m.isAnnotationPresent(Property.class) ? Scenario.Kind.PROPERTY : Scenario.Kind.EXAMPLE;
                if (kind == Scenario.Kind.EXAMPLE && !m.isAnnotationPresent(Test.class)) {
                    throw new IpcmException("Scenario " + type.getSimpleName() + "." + m.getName()
                            + " is neither a @Test nor a @Property");
                }
                Scenario s = new Scenario(group.value(), name.value(), type, m, kind);
                if (!ids.add(s.id())) {
                    throw new IpcmException("Duplicate scenario id '" + s.id() + "' in " + type.getName());
                }
                inClass.add(s);
            }
            inClass.sort(Comparator.comparing(Scenario::name));
            out.addAll(inClass);
        }
        return List.copyOf(out);
    }

    /** The scenario with this {@code group/name} id. */
    public static Optional<Scenario> byId(String id) {
        return scenarios().stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
