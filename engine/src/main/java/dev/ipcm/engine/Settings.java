package dev.ipcm.engine;

import dev.ipcm.junit.IpcmConfiguration;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        return new Settings(config.get(IpcmConfiguration.PROTOCOLS).map(Settings::list)
                        .filter(l -> !l.isEmpty() && !l.contains("*")),
                new LinkedHashSet<>(config.get(IpcmConfiguration.PROTOCOLS_REQUIRED).map(Settings::list).orElse(List.of())),
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

    /** {@value CertifyParameters#TIMEOUT}, read at execution. */
    static Duration timeout(ConfigurationParameters config) {
        String text = config.get(CertifyParameters.TIMEOUT).map(String::trim).orElse("180s");
        String t = text.toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(CertifyParameters.TIMEOUT + " must be a positive duration such as 180s, 3m, "
                    + "500ms or PT3M, got '" + text + "'", e);
        }
    }

    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
