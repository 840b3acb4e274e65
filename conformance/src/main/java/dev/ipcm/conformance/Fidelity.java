package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Client;
import dev.ipcm.Message;
import java.util.List;

/** The check every fidelity scenario and property makes: a message arrived exactly as it was sent. */
final class Fidelity {
    private Fidelity() {}

    /** One message as the scenario meant it and as {@code send} returned it. */
    record Sent(String from, String to, JsonNode content, Message message) {}

    /**
     * {@code got} is what was sent, field by field: names and content against what the scenario
     * meant (not what a plugin returned), id and stamp against what {@code send} returned.
     */
    static void assertArrived(String what, Sent sent, Message got) {
        assertThat(got.id()).as("%s: the id", what).isEqualTo(sent.message().id());
        assertThat(JsonDiff.escape(got.from())).as("%s: the sender name, byte for byte", what)
                .isEqualTo(JsonDiff.escape(sent.from()));
        assertThat(JsonDiff.escape(got.toOrNull())).as("%s: the recipient name, byte for byte", what)
                .isEqualTo(JsonDiff.escape(sent.to()));
        assertThat(got.isBroadcast()).as("%s: the broadcast flag", what).isFalse();
        assertThat(got.stamp()).as("%s: the stamp, every digit", what).isEqualByComparingTo(sent.message().stamp());
        assertThat(JsonDiff.between(sent.content(), got.content())).as("%s: the content", what).isEmpty();
    }

    /** Sends {@code content} and remembers what was meant. */
    static Sent send(Client from, String to, JsonNode content) {
        return new Sent(from.name(), to, content, from.send(to, content));
    }

    /** Every message in {@code sent} arrived, in order, each exactly as sent. */
    static void assertAllArrived(String what, List<Sent> sent, List<Message> got) {
        assertThat(got.stream().map(Message::id).toList()).as("%s: the ids of the messages that arrived", what)
                .containsExactlyElementsOf(sent.stream().map(s -> s.message().id()).toList());
        for (int i = 0; i < sent.size(); i++) {
            assertArrived(what + " #" + i, sent.get(i), got.get(i));
        }
    }
}
