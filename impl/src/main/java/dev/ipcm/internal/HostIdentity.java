package dev.ipcm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which machine and pid namespace this process runs in, so a recorded pid is only ever judged
 * where it means the same process: the kernel's boot id (new at every boot, different on every
 * machine) and the pid namespace this process sees ({@code /proc/self/ns/pid}, whose link text
 * carries the namespace's inode). Empty where {@code /proc} does not show them.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HostIdentity {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");
    private static final Optional<String> CURRENT = read();

    private HostIdentity() {}

    /** This host and pid namespace, e.g. {@code 0f3c...-...:pid:[4026531836]}. */
    public static Optional<String> current() {
        return CURRENT;
    }

    private static Optional<String> read() {
        try {
            String boot = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
            String namespace = Files.readSymbolicLink(PID_NAMESPACE).toString();
            return boot.isEmpty() ? Optional.empty() : Optional.of(boot + ":" + namespace);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
