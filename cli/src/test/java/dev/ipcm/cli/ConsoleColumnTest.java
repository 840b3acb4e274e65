package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress lines stand on their own line whatever another engine printed to the console before them. */
class ConsoleColumnTest {
    @Test
    void aProgressLineAfterTextWithoutALineBreakStartsOnANewLine() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(console, true, StandardCharsets.UTF_8);
        try {
            System.setOut(terminal);
            System.setErr(terminal);
            ConsoleColumn.install();
            PrintWriter progress = new PrintWriter(System.err);
            ConsoleColumn.printLine(progress, "ipcm certify: A / B: pass (1 test)");
            System.out.print("an engine's notice without a line break");
            System.out.flush();
            ConsoleColumn.printLine(progress, "ipcm certify: A / C: pass (2 tests)");
            ConsoleColumn.printLine(progress, "ipcm certify: A / D: pass (3 tests)");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("ipcm certify: A / B: pass (1 test)\n"
                + "an engine's notice without a line break\n"
                + "ipcm certify: A / C: pass (2 tests)\n"
                + "ipcm certify: A / D: pass (3 tests)\n");
    }
}
