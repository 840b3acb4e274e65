package dev.ipcm.protocol.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.ipcm.Message;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderOrderCutTest {
    private final SenderOrderCut cut = new SenderOrderCut();

    private static Message from(String sender, String stamp) {
        return Message.fromEnvelope(null, sender, "rx", false, new BigDecimal(stamp), null, TextNode.valueOf("x"), null);
    }

    private static Map<String, Message> files(Object... nameAndMessage) {
        Map<String, Message> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndMessage.length; i += 2) {
            out.put((String) nameAndMessage[i], (Message) nameAndMessage[i + 1]);
        }
        return out;
    }

    @Test
    void aListingThatFoundNothingNewDeliversEverything() {
        Map<String, Message> read = files("a1", from("a", "1.000001"), "b1", from("b", "1.000002"));

        SenderOrderCut.Cut result = cut.cut(read, Set.of());

        assertThat(result.deliver()).containsOnlyKeys("a1", "b1");
        assertThat(result.heldBack()).isFalse();
    }

    @Test
    void aFreshFileAndItsSendersLaterFilesWaitWhileItsEarlierFilesAndOtherSendersGo() {
        // a2 was new in the last listing: a1 (stamped before it) goes, a3 (seen earlier but stamped after) waits.
        Map<String, Message> read = files(
                "a1", from("a", "1.000001"), "a2", from("a", "1.000002"), "a3", from("a", "1.000003"),
                "b1", from("b", "1.000004"));

        SenderOrderCut.Cut result = cut.cut(read, Set.of("a2"));

        assertThat(result.deliver()).containsOnlyKeys("a1", "b1");
        assertThat(result.heldBack()).isTrue();
    }

    @Test
    void aFileStampedLikeAFreshOneOfItsSenderWaitsToo() {
        Map<String, Message> read = files("a1", from("a", "1.000001"), "a2", from("a", "1.000001"));

        SenderOrderCut.Cut result = cut.cut(read, Set.of("a2"));

        assertThat(result.deliver()).isEmpty();
        assertThat(result.heldBack()).isTrue();
    }

    @Test
    void heldFilesGoAtTheNextReceiveOnceTheyAreNoLongerFresh() {
        Map<String, Message> first = files("a1", from("a", "1.000001"), "a2", from("a", "1.000002"));
        cut.cut(first, Set.of("a2"));

        Map<String, Message> second = files("a2", from("a", "1.000002"), "a3", from("a", "1.000003"));
        SenderOrderCut.Cut result = cut.cut(second, Set.of("a3"));

        assertThat(result.deliver()).containsOnlyKeys("a2");
    }

    @Test
    void aFileHeldBackMaxHoldsTimesInARowIsDeliveredAllTheSame() {
        // The sender's stamps went backwards: each receive finds a fresh file stamped before the held one.
        Map<String, Message> read = files("late", from("a", "2.000000"), "fresh", from("a", "1.000000"));
        for (int i = 0; i < SenderOrderCut.MAX_HOLDS; i++) {
            assertThat(cut.cut(read, Set.of("fresh")).deliver()).as("receive %d", i + 1).doesNotContainKey("late");
        }

        assertThat(cut.cut(read, Set.of("fresh")).deliver()).containsKey("late");
    }

    @Test
    void anEmptyInboxForgetsHowLongFilesWereHeld() {
        Map<String, Message> read = files("late", from("a", "2.000000"), "fresh", from("a", "1.000000"));
        for (int i = 0; i < SenderOrderCut.MAX_HOLDS; i++) {
            cut.cut(read, Set.of("fresh"));
        }

        cut.clear();

        assertThat(cut.cut(read, Set.of("fresh")).deliver()).doesNotContainKey("late");
    }
}
