package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ipcm.internal.Json;
import dev.ipcm.internal.MessageIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {
    private static final String PERL_FILE = "{\"to\":\"h-beta\",\"id\":\"C0514F54-3C03-41D9-949D-F808E939D86E\",\"from\":\"alpha\","
            + "\"content\":{\"hello\":\"w\\u00e9rld\"},\"stamp_ord\":0,\"stamp\":1795433111.30161}";

    @Test
    void readsAMessageWrittenByPerl() {
        Message m = Message.fromJson(Json.decode(PERL_FILE));
        assertThat(m.id()).isEqualTo("C0514F54-3C03-41D9-949D-F808E939D86E");
        assertThat(m.from()).isEqualTo("alpha");
        assertThat(m.toOrNull()).isEqualTo("h-beta");
        assertThat(m.stamp().toPlainString()).isEqualTo("1795433111.30161");
        assertThat(m.stampOrd()).contains(0L);
        assertThat(m.content().get("hello").textValue()).isEqualTo("w\u00e9rld");
        assertThat(m.isBroadcast()).isFalse();
    }

    @Test
    void writesTheSameKeysBack() {
        Message m = Message.fromJson(Json.decode(PERL_FILE));
        assertThat(Json.decode(m.toString())).isEqualTo(Json.decode(PERL_FILE));
    }

    @Test
    void keepsUnknownKeysWhenRelaying() {
        Message m = Message.fromJson(Json.decode("{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"extra\":5}"));
        assertThat(m.extras()).containsKey("extra");
        assertThat(m.toJson().get("extra").intValue()).isEqualTo(5);
    }

    @Test
    void acceptsNumericStringsAsPerlMaySendThem() {
        Message m = Message.fromJson(Json.decode("{\"from\":\"a\",\"to\":\"b\",\"content\":1,\"stamp\":\"1795433166.53598\",\"broadcast\":\"1\"}"));
        assertThat(m.stamp().toPlainString()).isEqualTo("1795433166.53598");
        assertThat(m.isBroadcast()).isTrue();
    }

    @Test
    void builtMessagesHaveUpperCaseUuidV7IdsAndPlainStamps() {
        Message m = Message.builder("alice").to("bob").content(Map.of("n", 1)).build();
        assertThat(m.id()).matches("[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
        assertThat(m.toJson().get("stamp").toString()).matches("[0-9]+\\.[0-9]{6}");
        assertThat(m.stamp().scale()).isEqualTo(6);
    }

    @Test
    void stampOrdinalsKeepSendOrderWithinOneProcess() {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sent.add(Message.builder("a").to("b").content(i).build());
        }
        List<Message> shuffled = new ArrayList<>(sent);
        java.util.Collections.shuffle(shuffled);
        shuffled.sort(Message.ORDER);
        assertThat(shuffled).containsExactlyElementsOf(sent);
    }

    @Test
    void idsAreUnique() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageIds.next());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void terminateIsRecognised() {
        assertThat(Message.fromJson(Json.decode("{\"from\":\"spawn\",\"to\":\"x\",\"content\":{\"terminate\":1}}")).isTerminate()).isTrue();
        assertThat(Message.fromJson(Json.decode("{\"from\":\"spawn\",\"to\":\"x\",\"content\":{\"terminate\":0}}")).isTerminate()).isFalse();
        assertThat(Message.fromJson(Json.decode("{\"from\":\"spawn\",\"to\":\"x\",\"content\":\"terminate\"}")).isTerminate()).isFalse();
    }

    @Test
    void invalidWireObjectsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Message.fromJson(Json.decode("[1]")))
                .isInstanceOf(ContentException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> Message.fromJson(Json.decode("{\"to\":\"b\",\"content\":1}")))
                .isInstanceOf(ContentException.class).hasMessageContaining("'from' is a required attribute");
        assertThatThrownBy(() -> Message.fromJson(Json.decode("{\"from\":\"a\",\"to\":\"b\",\"content\":null}")))
                .isInstanceOf(ContentException.class).hasMessageContaining("'content' is a required attribute");
        assertThatThrownBy(() -> Message.fromJson(Json.decode("{\"from\":\"a\",\"content\":1}")))
                .isInstanceOf(ContentException.class).hasMessageContaining("either have a 'to' or 'broadcast'");
    }

    @Test
    void contentThatCannotBeJsonIsRefusedBeforeAnythingIsSent() {
        Object notJson = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> Message.builder("a").to("b").content(notJson).build())
                .isInstanceOf(ContentException.class).hasMessageContaining("cannot be converted to JSON");
        assertThatThrownBy(() -> Message.builder("a").to("b").content(null).build())
                .isInstanceOf(ContentException.class).hasMessageContaining("non-null content");
    }
}
