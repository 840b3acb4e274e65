package dev.ipcm.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the command finds protocol plugins that are not in its own jar: {@code --class-path} (read
 * before the arguments are parsed, because protocols are looked up while they are) or
 * {@code IPCM_CLASSPATH}. The launcher runs {@code java -jar}, which ignores any other class path.
 */
final class PluginClassPath {
    static final String OPTION = "--class-path";
    static final String ENV = "IPCM_CLASSPATH";

    private PluginClassPath() {}

    /** The class path the user gave, the option before the environment; empty when none. */
    static String of(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(OPTION + "=")) {
                return args[i].substring(OPTION.length() + 1);
            }
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null ? "" : fromEnv;
    }

    /** Adds the entries, made absolute, to {@code java.class.path}, which child JVMs are started with. */
    static void extendJvmClassPath(String classPath) {
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path", ""));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                cp.append(File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        System.setProperty("java.class.path", cp.toString());
    }

    /**
     * A loader over the entries (separated by {@code :}) whose parent is the command's own.
     *
     * @throws IllegalArgumentException naming an entry that is neither a jar nor a directory
     */
    static ClassLoader loader(String classPath, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath();
            if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("The plugin class path entry '" + entry + "' (from " + OPTION
                        + " or " + ENV + ") is neither a jar nor a directory; give the path of the plugin's jar");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("The plugin class path entry '" + entry + "' is not a valid path: "
                        + e.getMessage());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
