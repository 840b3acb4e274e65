package dev.ipcm.protocol.db.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/**
 * Checks, before anything is created, that the system account a temporary server runs as can
 * enter every directory on the way to where its private directory goes. Otherwise the server's
 * own tools fail with little more than an exit code ("mariadb-install-db failed (exit 1)").
 */
final class ServerAccountReach {
    private ServerAccountReach() {}

    /**
     * Throws naming the first directory {@code account} cannot enter on the way to {@code base},
     * and the setting to change.
     */
    static void require(String account, Path base) throws TemporaryServerException {
        Optional<Path> blocked = firstBlocked(account, base);
        if (blocked.isPresent()) {
            Path dir = blocked.get();
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(dir, PosixFileAttributes.class);
            } catch (IOException e) {
                throw new TemporaryServerException("Could not read the modes of " + dir + ": " + e.getMessage(), e);
            }
            throw new TemporaryServerException("The temporary database server runs as the system account '"
                        + account + "', which cannot enter " + dir + " (owner " + a.owner().getName() + ", mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()) + ") on the way to "
                        + base + "; set QDB_TMPDIR (or TMPDIR) to a directory every account can reach, such as /tmp, "
                        + "or configure a server instead (IPCM_<KIND>_URL)");
        }
    }

    /** Whether {@code account} can enter every directory on the way to {@code base}. */
    static boolean reaches(String account, Path base) {
        return firstBlocked(account, base).isEmpty();
    }

    private static Optional<Path> firstBlocked(String account, Path base) {
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            try {
                if (!canEnter(account, Files.readAttributes(dir, PosixFileAttributes.class))) {
                    return Optional.of(dir);
                }
            } catch (IOException e) {
                continue; // a directory we cannot read the modes of is judged by the server itself
            }
        }
        return Optional.empty();
    }

    private static boolean canEnter(String account, PosixFileAttributes a) {
        if (a.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
            return true;
        }
        if (a.owner().getName().equals(account)) {
            return a.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        }
        return a.group().getName().equals(account) && a.permissions().contains(PosixFilePermission.GROUP_EXECUTE);
    }
}
