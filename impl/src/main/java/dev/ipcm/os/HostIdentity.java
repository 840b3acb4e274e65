package dev.ipcm.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Where this process runs, as far as process ids are concerned: two processes can compare pids
 * only when their host ids are equal. The id is the kernel's boot id (new at every boot, distinct
 * between machines) plus the inode of this process's PID namespace (distinct between containers
 * on one kernel, each of which numbers its processes from 1); the name is the UTS host name, for
 * people. Read once; neither changes while a process runs.
 *
 * @param id {@code <boot id>/pid:<namespace inode>}, or the host name where {@code /proc} lacks them
 * @param name the host name
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record HostIdentity(String id, String name) {
    private static final HostIdentity LOCAL = read(Path.of("/proc"));

    /** This process's host. */
    public static HostIdentity local() {
        return LOCAL;
    }

    /**
     * This host's id when the kernel told it (boot id and pid namespace), or empty when it had to
     * be the host name alone ({@code read} then uses the name as the id): a guess that a decision
     * destroying something, such as the owner sweep, must not rest on.
     */
    public static java.util.Optional<String> kernelId() {
        return LOCAL.id.equals(LOCAL.name) ? java.util.Optional.empty() : java.util.Optional.of(LOCAL.id);
    }

    /** Whether pids recorded on {@code hostId} belong to this process's process table. */
    public static boolean isLocal(String hostId) {
        return hostId == null || hostId.equals(LOCAL.id);
    }

    /** The identity as a proc file system mounted at {@code proc} tells it. */
    static HostIdentity read(Path proc) {
        String name = firstLine(proc.resolve("sys/kernel/hostname"));
        if (name == null) {
            name = fallbackHostName();
        }
        String boot = firstLine(proc.resolve("sys/kernel/random/boot_id"));
        String namespace;
        try {
            // The link reads "pid:[4026531836]": the namespace's inode, the same for every process in it.
            namespace = Files.readSymbolicLink(proc.resolve("self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            namespace = null;
        }
        if (boot == null || namespace == null) {
            return new HostIdentity(name, name);
        }
        return new HostIdentity(boot + "/" + namespace.replace("[", "").replace("]", ""), name);
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? null : text;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String fallbackHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
