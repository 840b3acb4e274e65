package dev.ipcm.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Whether the console stands at the start of a line, whatever wrote to it last: the command, or a
 * test engine printing to {@code System.out} in the same JVM (jqwik does, without a final line
 * break). Progress lines begin with a line break when it does not, so each stands on its own line.
 */
final class ConsoleColumn {
    private static volatile boolean atLineStart = true;

    private ConsoleColumn() {}

    /** Routes {@code System.out} and {@code System.err} through the tracking; call before wrapping them. */
    static void install() {
        System.setOut(tracked(System.out));
        System.setErr(tracked(System.err));
    }

    /** Prints {@code line} as a line of its own on {@code to}, and flushes it. */
    static void printLine(PrintWriter to, String line) {
        if (!atLineStart) {
            to.println();
        }
        to.println(line);
        to.flush();
    }

    private static PrintStream tracked(PrintStream stream) {
        OutputStream tracking = new FilterOutputStream(stream) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                atLineStart = b == '\n';
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                if (len > 0) {
                    atLineStart = b[off + len - 1] == '\n';
                }
            }
        };
        return new PrintStream(tracking, true);
    }
}
