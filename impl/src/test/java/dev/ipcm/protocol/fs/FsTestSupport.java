package dev.ipcm.protocol.fs;

import dev.ipcm.ConnectionInfo;
import dev.ipcm.os.Os;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the file-store tests: info strings for hand-made stores, dead pids, file text. */
final class FsTestSupport {
    static final String JSON = "IPC::Manager::Serializer::JSON";

    private FsTestSupport() {}

    /** The info string of a MessageFiles store at {@code dir}, as Perl writes it. */
    static String messageFilesInfo(Path dir) {
        return "[\"IPC::Manager::Client::MessageFiles\",\"" + JSON + "\",\"" + dir + "\"]";
    }

    /** The info string of a JSONFile store at {@code file}. */
    static String jsonFileInfo(Path file) {
        return "[\"IPC::Manager::Client::JSONFile\",\"" + JSON + "\",\"" + file + "\"]";
    }

    /** The pid of a process that has exited and been reaped. */
    static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("'true' did not exit");
        }
        long pid = p.pid();
        if (Os.get().isRunning(pid)) {
            throw new IllegalStateException("pid " + pid + " was reused at once; run the test again");
        }
        return pid;
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
