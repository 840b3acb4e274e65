package dev.ipcm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a protocol declares it can do, and its limits. Tests and the conformance suite decide
 * what applies from this alone, never from the protocol's name.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Capabilities {
    /** No limit on the serialized message size beyond memory. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final Set<Capability> set;
    private final long maxMessageBytes;
    private final int maxNameLength;

    private Capabilities(Set<Capability> set, long maxMessageBytes, int maxNameLength) {
        this.set = Collections.unmodifiableSet(set.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(set));
        this.maxMessageBytes = maxMessageBytes;
        this.maxNameLength = maxNameLength;
    }

    /** Capabilities with the given flags, no size limit and names of up to 512 characters. */
    public static Capabilities of(Capability... capabilities) {
        EnumSet<Capability> s = EnumSet.noneOf(Capability.class);
        Collections.addAll(s, capabilities);
        return new Capabilities(s, UNLIMITED, 512);
    }

    /** The same capabilities with a limit on the serialized size of one message (or its content, for databases). */
    public Capabilities withMaxMessageBytes(long bytes) {
        return new Capabilities(set, bytes, maxNameLength);
    }

    /** The same capabilities with another limit on client-name length. */
    public Capabilities withMaxNameLength(int length) {
        return new Capabilities(set, maxMessageBytes, length);
    }

    /** Whether the protocol has a capability. */
    public boolean has(Capability capability) {
        return set.contains(capability);
    }

    /** Whether the protocol has every one of these capabilities. */
    public boolean hasAll(Capability... capabilities) {
        for (Capability c : capabilities) {
            if (!set.contains(c)) {
                return false;
            }
        }
        return true;
    }

    /** All declared capabilities. */
    public Set<Capability> all() {
        return set;
    }

    /** The largest serialized message (or content, for databases) in bytes, or {@link #UNLIMITED}. */
    public long maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The longest client name accepted. */
    public int maxNameLength() {
        return maxNameLength;
    }

    @Override
    public String toString() {
        return set + (maxMessageBytes == UNLIMITED ? "" : ", max message " + maxMessageBytes + " bytes");
    }
}
