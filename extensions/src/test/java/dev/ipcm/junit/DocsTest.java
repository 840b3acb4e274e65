package dev.ipcm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/junit.md shows real, compiled test classes: every {@code <!-- include: path -->} block
 * must equal that file, and every {@code ipcm.*} setting it names must exist.
 */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void snippetsAreTheCompiledTestClasses() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/junit.md"));
        Matcher m = INCLUDE.matcher(doc);
        int count = 0;
        while (m.find()) {
            String file = Files.readString(ROOT.resolve(m.group(1))).stripTrailing();
            assertThat(m.group(2)).as("snippet of %s", m.group(1)).isEqualTo(file);
            count++;
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void everyDocumentedSettingExists() throws IOException, IllegalAccessException {
        Set<String> known = new HashSet<>();
        for (Field f : IpcmConfiguration.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                known.add((String) f.get(null));
            }
        }
        String doc = Files.readString(ROOT.resolve("docs/junit.md"));
        Matcher m = Pattern.compile("`(ipcm\\.[A-Za-z.<>]+)").matcher(doc);
        Set<String> named = new HashSet<>();
        while (m.find()) {
            named.add(m.group(1).replaceAll("\\.$", ""));
        }
        assertThat(named).isNotEmpty().allSatisfy(key -> assertThat(known.contains(key)
                || key.matches("ipcm\\.(<protocol>|postgresql|mariadb|mysql)\\.(url|image)")).as(key).isTrue());
        assertThat(named).containsAll(known.stream().filter(k -> k.endsWith("s") || !k.endsWith(".")).toList());
    }
}
