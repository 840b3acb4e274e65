package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks that each of a set of names gets exactly the messages addressed to it, names intact. */
final class NameMailboxes {
    private final Store store;
    private final Duration wait;

    NameMailboxes(Store store, Duration wait) {
        this.store = store;
        this.wait = wait;
    }

    /**
     * Connects every name and has each send one message to every other: a message delivered to
     * the wrong mailbox is both missing where it belongs and extra where it landed.
     */
    void assertEachGetsOnlyItsOwn(List<String> names) {
        Map<String, Client> clients = new LinkedHashMap<>();
        names.forEach(n -> clients.put(n, store.connect(n)));
        try {
            Map<String, List<Fidelity.Sent>> expected = new LinkedHashMap<>();
            for (Client from : clients.values()) {
                for (String to : names) {
                    if (!to.equals(from.name())) {
                        expected.computeIfAbsent(to, k -> new ArrayList<>())
                                .add(Fidelity.send(from, to, FidelityContents.NODES.textNode(from.name() + " -> " + to)));
                    }
                }
            }
            expected.forEach((to, sent) -> assertMailbox(clients.get(to), to, sent));
        } finally {
            // A failed check leaves mail unread: the handler takes it so the failure is what is reported.
            clients.values().forEach(c -> c.disconnect(unread -> { }));
        }
    }

    private void assertMailbox(Client client, String to, List<Fidelity.Sent> sent) {
        List<Message> got = Await.messages(client, sent.size(), wait);
        assertThat(got.stream().map(m -> JsonDiff.escape(m.content().asText())).toList())
                .as("the mailbox of %s", JsonDiff.escape(to))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(s -> JsonDiff.escape(s.content().asText())).toList());
        for (Fidelity.Sent s : sent) {
            Message m = got.stream().filter(g -> g.id().equals(s.message().id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no message arrived in the mailbox of " + JsonDiff.escape(to)
                            + " with the id " + s.message().id() + " it was sent with; the ids that arrived: "
                            + got.stream().map(Message::id).toList()));
            Fidelity.assertArrived("from " + JsonDiff.escape(s.from()) + " to " + JsonDiff.escape(to), s, m);
        }
        assertThat(client.receive()).as("anything else in the mailbox of %s", JsonDiff.escape(to)).isEmpty();
    }
}
