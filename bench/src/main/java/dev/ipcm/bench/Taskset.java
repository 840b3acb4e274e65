package dev.ipcm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs util-linux's {@code taskset}, which {@link CpuPinning} pins with, within a deadline. */
final class Taskset {
    private Taskset() {}

    /** The affinity mask {@code taskset -p} reports, in hex: "pid 42's current affinity mask: 3". */
    static String currentMask(long pid) {
        String out = run("-p", Long.toString(pid)).trim();
        return out.substring(out.lastIndexOf(' ') + 1);
    }

    /** Runs {@code taskset} with {@code args} and returns what it printed; fails with the remedy. */
    static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("taskset");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BenchException("'" + String.join(" ", cmd) + "' did not finish within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new BenchException("could not pin to CPUs: '" + String.join(" ", cmd) + "' said: " + out.trim()
                        + "; name CPUs this machine has (see nproc), or leave out the pinning");
            }
            return out;
        } catch (IOException e) {
            throw new BenchException("could not pin to CPUs: taskset (util-linux) could not be run (" + e.getMessage()
                    + "); install util-linux, or leave out the pinning", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while pinning to CPUs", e);
        }
    }
}
