package dev.ipcm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How this JDK keeps class data for a child JVM: a dynamic CDS archive (JDK 13 to 24), or JDK
 * 25's ahead-of-time cache, which also keeps the classes linked and so starts a child sooner
 * (docs/performance.md, round 6). Both are written by a first child and mapped by the later ones;
 * they differ in their options and in the AOT cache's extra step from the recorded configuration
 * to the cache.
 */
enum ArchiveFormat {
    DYNAMIC_CDS(".jsa", "-XX:ArchiveClassesAtExit=") {
        @Override
        List<String> use(Path archive) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }

        @Override
        List<String> record(Path temp) {
            return List.of(recordOption + temp, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }

        @Override
        List<String> strict() {
            return List.of("-Xshare:on");
        }

        @Override
        Optional<Path> assemble(Path recorded, List<String> options, String classPath) {
            return Optional.of(recorded);
        }
    },
    AOT_CACHE(".aot", "-XX:AOTConfiguration=") {
        @Override
        List<String> use(Path archive) {
            return List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off");
        }

        // The recording JVM reports the configuration it wrote on standard output at its exit,
        // whatever the log settings: moved to standard error, it cannot mix with what the child
        // prints for its parent.
        @Override
        List<String> record(Path temp) {
            return List.of("-XX:AOTMode=record", recordOption + temp, "-XX:+DisplayVMOutputToStderr", "-Xlog:aot=off",
                    "-Xlog:cds=off");
        }

        @Override
        List<String> strict() {
            return List.of("-XX:AOTMode=on");
        }

        @Override
        Optional<Path> assemble(Path recorded, List<String> options, String classPath) {
            // Ends in .tmp, so a parent that dies before publishing leaves litter its cache cleans.
            Path cache = recorded.resolveSibling(recorded.getFileName() + ".aot.tmp");
            List<String> cmd = new ArrayList<>();
            cmd.add(ChildJvm.javaExecutable());
            cmd.addAll(options);
            cmd.addAll(List.of("-XX:AOTMode=create", recordOption + recorded, "-XX:AOTCache=" + cache, "-Xlog:aot=off",
                    "-Xlog:cds=off", "-cp", classPath));
            return exitsCleanly(cmd) && Files.isRegularFile(cache) ? Optional.of(cache) : Optional.empty();
        }
    };

    /** {@code -Dipcm.jvm.aot=false} keeps a JDK 25 on the dynamic archive. */
    static final String AOT_PROPERTY = "ipcm.jvm.aot";
    private static final long STEP_SECONDS = 60;

    private final String extension;
    final String recordOption;

    ArchiveFormat(String extension, String recordOption) {
        this.extension = extension;
        this.recordOption = recordOption;
    }

    /** The format of this JDK (children run the parent's JDK). */
    static ArchiveFormat forThisJdk() {
        return Runtime.version().feature() >= 25 && Boolean.parseBoolean(System.getProperty(AOT_PROPERTY, "true"))
                ? AOT_CACHE : DYNAMIC_CDS;
    }

    /** The file name ending of a published archive. */
    String extension() {
        return extension;
    }

    /** The options that make a child map {@code archive}. */
    abstract List<String> use(Path archive);

    /** The options that make a child record its classes into {@code temp} at its exit. */
    abstract List<String> record(Path temp);

    /** Options under which a JVM refuses to start when it cannot map the archive. */
    abstract List<String> strict();

    /** The archive made from what a child recorded, or empty when none could be made. */
    abstract Optional<Path> assemble(Path recorded, List<String> options, String classPath);

    /** Whether {@code cmd} ran to exit code 0 within a minute; its output is discarded. */
    static boolean exitsCleanly(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
