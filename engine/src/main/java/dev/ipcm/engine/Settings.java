package dev.ipcm.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;

/** The engine's configuration parameters, parsed once per discovery. */
final class Settings {
    private final Optional<List<String>> protocols;
    private final Set<String> required;
    private final Optional<Set<String>> groups;
    private final Optional<String> suite;

    private Settings(Optional<List<String>> protocols, Set<String> required, Optional<Set<String>> groups,
            Optional<String> suite) {
        this.protocols = protocols;
        this.required = required;
        this.groups = groups;
        this.suite = suite;
    }

    static Settings from(ConfigurationParameters config) {
        // "*" (the harness's spelling of "every protocol") and an empty value mean no selection.
        return new Settings(config.get(CertifyParameters.PROTOCOLS).map(Settings::list)
                        .filter(l -> !l.isEmpty() && !l.contains("*")),
                new LinkedHashSet<>(config.get(CertifyParameters.REQUIRED).map(Settings::list).orElse(List.of())),
                config.get(CertifyParameters.GROUPS).map(v -> new LinkedHashSet<>(list(v))),
                config.get(CertifyParameters.SUITE).map(String::trim).filter(s -> !s.isEmpty()));
    }

    /** The protocol names the configuration asks for, if it asks. */
    Optional<List<String>> protocols() {
        return protocols;
    }

    /** Whether an unavailable protocol must fail rather than be skipped. */
    boolean isRequired(String name, String id) {
        return required.contains("*") || required.contains(name) || required.contains(id);
    }

    /** Whether a scenario group is selected. */
    boolean includesGroup(String group) {
        return groups.map(g -> g.contains(group)).orElse(true);
    }

    /** The suite class named by configuration, if any. */
    Optional<String> suite() {
        return suite;
    }

    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
