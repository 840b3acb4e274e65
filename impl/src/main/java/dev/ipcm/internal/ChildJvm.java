package dev.ipcm.internal;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Starts a child JVM that runs a main class with this JVM's class path and JVM options, the
 * Java stand-in for IPC::Manager's fork. Standard error is inherited so a child's failure is
 * visible; standard output is a pipe the caller reads.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ChildJvm {
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new java.util.LinkedHashMap<>();
    private boolean inheritOutput;

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    /** A child that will run {@code mainClass}. */
    public static ChildJvm of(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    /** A child that will run the named main class. */
    public static ChildJvm of(String mainClass) {
        return new ChildJvm(mainClass);
    }

    /** Program arguments. */
    public ChildJvm args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    /** Program arguments. */
    public ChildJvm args(List<String> values) {
        args.addAll(values);
        return this;
    }

    /** An extra JVM option such as {@code -Dkey=value}. */
    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** An environment variable for the child. */
    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Send the child's standard output to ours instead of a pipe. */
    public ChildJvm inheritOutput() {
        inheritOutput = true;
        return this;
    }

    /** The full command line. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        for (String opt : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Debugger and agent options would clash on ports or files; the rest (memory, --add-opens) carries over.
            if (!opt.startsWith("-agentlib") && !opt.startsWith("-javaagent") && !opt.startsWith("-Xrunjdwp")) {
                cmd.add(opt);
            }
        }
        if (Runtime.version().feature() >= 22 && cmd.stream().noneMatch(o -> o.startsWith("--enable-native-access"))) {
            // JNA's native calls otherwise make JDK 22+ print a warning into the child's output.
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the child. */
    public Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        if (inheritOutput) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        return pb.start();
    }

    /** The java launcher of the running JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
