package dev.ipcm.spi;

import dev.ipcm.os.HostIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The process that will destroy a store when it ends, as recorded next to the store so that the
 * next spawn can sweep a store whose owner was killed (docs/delivery.md, "Stores outliving their
 * owner"). A pid alone is not enough: the process start time tells a reused pid from the owner,
 * and the host (boot id and pid namespace) keeps a store shared with another machine or
 * container from ever being judged here.
 *
 * @param pid the owner's pid
 * @param startTicks the owner's start time, field 22 of {@code /proc/<pid>/stat}
 * @param host {@link HostIdentity#kernelId()} of the recording process
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoreOwner(long pid, long startTicks, String host) {
    private static final Pattern TEXT = Pattern.compile(
            "\\{\"pid\":([0-9]{1,19}),\"start\":([0-9]{1,19}),\"host\":\"([A-Za-z0-9:/\\[\\]_-]{1,200})\"\\}");

    public StoreOwner {
        if (!TEXT.matcher(text(pid, startTicks, host)).matches()) {
            throw new IllegalArgumentException("not a store owner: pid=" + pid + " start=" + startTicks + " host=" + host);
        }
    }

    /** The live process {@code pid} on this host, or empty when it is gone or {@code /proc} cannot tell. */
    public static Optional<StoreOwner> of(long pid) {
        return HostIdentity.kernelId().flatMap(host -> startTicks(pid).map(start -> new StoreOwner(pid, start, host)));
    }

    /** Reads {@link #text()} back; empty for anything else, so a foreign or damaged record is never judged. */
    public static Optional<StoreOwner> parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoreOwner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The record as one line of JSON. It holds only digits and {@code [A-Za-z0-9:[]_-]}, so it can
     * be written as an SQL string literal as it is.
     */
    public String text() {
        return text(pid, startTicks, host);
    }

    private static String text(long pid, long start, String host) {
        return "{\"pid\":" + pid + ",\"start\":" + start + ",\"host\":\"" + host + "\"}";
    }

    /**
     * Whether this owner is certainly gone: recorded on this host, and its pid is no longer running
     * or now belongs to a process started at another time. A record from another host is never dead.
     */
    public boolean isDeadHere() {
        if (!HostIdentity.kernelId().map(host::equals).orElse(false)) {
            return false;
        }
        return startTicks(pid).map(start -> start != startTicks).orElse(true);
    }

    /** The start time of a running (not zombie) process, from {@code /proc/<pid>/stat}. */
    private static Optional<Long> startTicks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (fields.length < 20 || fields[0].equals("Z") || fields[0].equals("X")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(fields[19]));
    }
}
