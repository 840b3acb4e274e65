package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import dev.ipcm.Message;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command's client leaves the store at the end and says which unread messages went with it. */
class SessionTest {

    @Test
    void leavingWithUnreadMessagesReportsThemAndStillDisconnects() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            StringWriter err = new StringWriter();
            CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false);
            try (Client alice = store.connect("alice")) {
                Client bob = store.connect("bob");
                Message one = alice.send("bob", 1);
                Message two = alice.send("bob", 2);

                Session.of(ctx, bob).close();

                assertThat(bob.isDisconnected()).isTrue();
                assertThat(alice.peers()).isEmpty();
                assertThat(err.toString()).isEqualTo("ipcm: warning: 2 message(s) for 'bob' were not printed and are "
                        + "dropped as it leaves the store: " + one.id() + " from alice, " + two.id() + " from alice\n");
            }
        }
    }

    @Test
    void leavingWithNothingUnreadIsQuiet() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory"))) {
            StringWriter err = new StringWriter();
            CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false);
            Client bob = store.connect("bob");
            Session.of(ctx, bob).close();
            assertThat(bob.isDisconnected()).isTrue();
            assertThat(err.toString()).isEmpty();
        }
    }
}
