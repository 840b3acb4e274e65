package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the CPU model from {@code /proc/cpuinfo}, for the machine facts a report is read against. */
final class CpuModel {
    private CpuModel() {}

    /** The model name the kernel reports, or "unknown". */
    static String read() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Not Linux, or not readable: the model is only informative.
        }
        return "unknown";
    }
}
