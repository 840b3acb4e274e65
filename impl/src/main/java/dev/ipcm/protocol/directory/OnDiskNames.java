package dev.ipcm.protocol.directory;

import dev.ipcm.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apiguardian.api.API;

/**
 * The rule that turns a client id into the name of its entry in a store directory, exactly as
 * IPC::Manager applies it: the id itself when it is short and safe, else {@code h-} followed by
 * the first 40 hex digits of its SHA-256.
 *
 * <p>The budgets are part of the wire format: Java and Perl must map the same id to the same
 * name, so they are the reference's numbers, not ours to tune.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class OnDiskNames {
    /** The budget of MessageFiles and AtomicPipe. */
    public static final int FILE_BUDGET = 200;

    /** The length of a hashed name: {@code h-} and 40 hex digits. */
    public static final int HASHED_LENGTH = 42;

    private static final int SUN_PATH_BUDGET = 104;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private OnDiskNames() {}

    /**
     * The budget of the socket protocols: 104 bytes of {@code sun_path}, less the route, the
     * {@code /} separator and the terminating NUL.
     */
    public static int socketBudget(String route) {
        return SUN_PATH_BUDGET - lengthOf(route) - 2;
    }

    /**
     * The on-disk name of {@code id} under a budget.
     *
     * @param route only used in the error message
     * @throws InvalidNameException for an empty id, or when even the hashed form does not fit
     */
    public static String map(String id, int budget, String route) {
        if (id == null || id.isEmpty()) {
            throw new InvalidNameException("'peer_id' is required: a client id must not be empty");
        }
        if (isVerbatim(id, budget)) {
            return id;
        }
        if (HASHED_LENGTH > budget) {
            throw new InvalidNameException("Cannot map peer id '" + id + "' to on-disk name: hashed form ("
                    + HASHED_LENGTH + " bytes) exceeds available budget (" + budget + " bytes) under route '" + route
                    + "'; use a shorter route (spawn with a short TMPDIR or 'dir' parameter)");
        }
        return hashed(id);
    }

    /** Whether an id is used as its own on-disk name under a budget. */
    static boolean isVerbatim(String id, int budget) {
        if (lengthOf(id) > budget || id.startsWith("h-")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == '/' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code h-} and the first 40 lower-case hex digits of the SHA-256 of the id's UTF-8 bytes. */
    static String hashed(String id) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        StringBuilder b = new StringBuilder(HASHED_LENGTH).append("h-");
        for (int i = 0; i < 20; i++) {
            b.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
        }
        return b.toString();
    }

    /**
     * Length in UTF-8 bytes: what a file name or {@code sun_path} really spends. For ASCII, the
     * only ids the reference treats predictably (docs/protocols/file-stores.md, "On-disk names"),
     * it equals the character count.
     */
    private static int lengthOf(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
