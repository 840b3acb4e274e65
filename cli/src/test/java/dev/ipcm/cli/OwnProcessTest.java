package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A command with a JVM of its own cannot keep or reach an in-JVM store, and says so. (The real
 * launcher is checked in {@link CrossProcessTest}; this runs the same rule in-process, quickly.)
 */
class OwnProcessTest {
    private final Cli own = Cli.inProcess().asOwnProcess();

    @Test
    void spawnOfLocalMemoryIsRefused() {
        Cli.Result r = own.run("spawn", "--protocol", "LocalMemory");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ipcm spawn: The LocalMemory protocol keeps its store inside one JVM: "
                + "a store spawned by 'ipcm spawn' would vanish when the command exits; "
                + "spawn a cross-process protocol instead, e.g. --protocol MessageFiles\n");
    }

    @Test
    void aLocalMemoryStoreCannotBeReachedFromAnotherCommand() {
        String info = Cli.inProcess().run("spawn", "--protocol", "LocalMemory").line();
        try {
            for (String[] args : new String[][] {
                {"send", info, "--from", "a", "--to", "b", "1"},
                {"broadcast", info, "--from", "a", "1"},
                {"recv", info, "--name", "a", "--timeout", "0"},
                {"peers", info},
                {"destroy", info}}) {
                Cli.Result r = own.run(args);
                assertThat(r.code()).as(r.toString()).isEqualTo(2);
                assertThat(r.err().lines()).as(r.toString()).singleElement().asString()
                        .startsWith("ipcm " + args[0] + ": The LocalMemory store 'localmemory-")
                        .contains("lives only inside the JVM that spawned it")
                        .endsWith("use a store of a cross-process protocol, e.g. 'ipcm spawn --protocol MessageFiles'");
            }
        } finally {
            assertThat(Cli.inProcess().run("destroy", info).code()).isZero();
        }
    }
}
