package dev.ipcm.spi;

import dev.ipcm.InvalidNameException;
import org.apiguardian.api.API;

/**
 * The rules every client name obeys on every protocol, so a name that works on one store works
 * on all of them and can never address a file outside its store.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ClientNames {
    /** The longest name any protocol accepts (the database column width). */
    public static final int MAX_LENGTH = 512;

    private static final String[] SIDECAR_SUFFIXES = {".pid", ".name", ".resume", ".stats", ".suspend", ".pend"};

    private ClientNames() {}

    /**
     * Checks a name and returns it.
     *
     * @throws InvalidNameException saying which rule the name breaks
     */
    public static String validate(String name) {
        return validate(name, MAX_LENGTH);
    }

    /** Checks a name against the rules and a protocol's own length limit. */
    public static String validate(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException("A client name is required: got an empty name");
        }
        if (name.length() > Math.min(maxLength, MAX_LENGTH)) {
            throw new InvalidNameException("Client name is " + name.length() + " characters long; the limit is "
                    + Math.min(maxLength, MAX_LENGTH) + ": " + abbreviate(name));
        }
        if (name.equals(".") || name.equals("..") || name.startsWith(".")) {
            throw new InvalidNameException("Client name " + quote(name)
                    + " may not start with a dot: such names are hidden or point outside the store");
        }
        if (name.startsWith("_")) {
            throw new InvalidNameException("Client name " + quote(name)
                    + " may not begin with an underscore: the store uses that prefix for clients being torn down");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidNameException("Client name " + quote(name) + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at index " + i + "; use printable characters");
            }
            if (c == '/' || c == '\\') {
                throw new InvalidNameException("Client name " + quote(name) + " contains '" + c
                        + "': path separators are not allowed in names");
            }
        }
        for (String suffix : SIDECAR_SUFFIXES) {
            if (name.endsWith(suffix)) {
                throw new InvalidNameException("Client name " + quote(name) + " ends in '" + suffix
                        + "', which file stores use for their own bookkeeping; choose another name");
            }
        }
        if (name.equals("0")) {
            throw new InvalidNameException("Client name \"0\" is not usable: IPC::Manager treats it as false");
        }
        return name;
    }

    private static String quote(String name) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : abbreviate(name).toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String abbreviate(String name) {
        return name.length() > 60 ? name.substring(0, 60) + "..." : name;
    }
}
