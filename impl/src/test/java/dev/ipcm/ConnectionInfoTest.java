package dev.ipcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectionInfoTest {
    private static final String PERL_MESSAGE_FILES =
            "[\"IPC::Manager::Client::MessageFiles\",\"IPC::Manager::Serializer::JSON\",\"/tmp/PerlIPCManager-10812-7uQdTU\"]";
    private static final String PERL_ZSTD =
            "[\"IPC::Manager::Client::AtomicPipe\",[\"IPC::Manager::Serializer::JSON::Zstd\",\"level\",9],\"/tmp/PerlIPCManager-77-abcDEF\"]";

    @Test
    void readsAndWritesThePerlFormByteForByte() {
        assertThat(ConnectionInfo.parse(PERL_MESSAGE_FILES).toString()).isEqualTo(PERL_MESSAGE_FILES);
        assertThat(ConnectionInfo.parse(PERL_ZSTD).toString()).isEqualTo(PERL_ZSTD);
    }

    @Test
    void exposesItsParts() {
        ConnectionInfo info = ConnectionInfo.parse(PERL_ZSTD);
        assertThat(info.protocol()).isEqualTo("IPC::Manager::Client::AtomicPipe");
        assertThat(info.serializer().isArray()).isTrue();
        assertThat(info.route()).isEqualTo("/tmp/PerlIPCManager-77-abcDEF");
    }

    @Test
    void toleratesSurroundingWhitespaceAsWrittenByShells() {
        assertThat(ConnectionInfo.parse("  " + PERL_MESSAGE_FILES + "\n").route()).isEqualTo("/tmp/PerlIPCManager-10812-7uQdTU");
    }

    @Test
    void escapesNonAsciiRoutes() {
        ConnectionInfo info = new ConnectionInfo("MessageFiles", com.fasterxml.jackson.databind.node.TextNode.valueOf("JSON"), "/tmp/caf\u00e9");
        assertThat(info.toString()).isEqualTo("[\"MessageFiles\",\"JSON\",\"/tmp/caf\\u00e9\"]");
        assertThat(ConnectionInfo.parse(info.toString()).route()).isEqualTo("/tmp/caf\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmptyInput(String text) {
        assertThatThrownBy(() -> ConnectionInfo.parse(text))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("empty");
    }

    @Test
    void rejectsTruncatedInputSayingItMayBeTruncated() {
        String truncated = PERL_MESSAGE_FILES.substring(0, 40);
        assertThatThrownBy(() -> ConnectionInfo.parse(truncated))
                .isInstanceOf(InvalidInfoException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("truncated");
    }

    @Test
    void rejectsNonArrays() {
        assertThatThrownBy(() -> ConnectionInfo.parse("{\"protocol\":\"MessageFiles\"}"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("must be a JSON array");
    }

    @Test
    void rejectsWrongElementCounts() {
        assertThatThrownBy(() -> ConnectionInfo.parse("[\"MessageFiles\",\"JSON\"]"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("exactly 3 elements [protocol, serializer, route], got 2");
    }

    @Test
    void rejectsWrongElementTypes() {
        assertThatThrownBy(() -> ConnectionInfo.parse("[1,\"JSON\",\"/tmp/x\"]"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("Element 0").hasMessageContaining("protocol");
        assertThatThrownBy(() -> ConnectionInfo.parse("[\"MessageFiles\",{\"a\":1},\"/tmp/x\"]"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("Element 1").hasMessageContaining("serializer");
        assertThatThrownBy(() -> ConnectionInfo.parse("[\"MessageFiles\",\"JSON\",\"\"]"))
                .isInstanceOf(InvalidInfoException.class).hasMessageContaining("Element 2").hasMessageContaining("route");
    }

    @Test
    void connectingWithAnUnknownProtocolNamesTheKnownOnes() {
        assertThatThrownBy(() -> Ipcm.connect("alice", "[\"IPC::Manager::Client::Carrier::Pigeon\",\"JSON\",\"/tmp/x\"]"))
                .isInstanceOf(UnknownProtocolException.class)
                .hasMessageContaining("Carrier::Pigeon").hasMessageContaining("LocalMemory");
    }

    @Test
    void connectingWithAnUnknownSerializerSaysWhichExist() {
        assertThatThrownBy(() -> Ipcm.connect("alice", "[\"LocalMemory\",\"YAML\",\"localmemory-999\"]"))
                .isInstanceOf(UnknownProtocolException.class).hasMessageContaining("Unknown serializer 'YAML'");
    }

    @Test
    void connectingToAVanishedStoreSaysSo() {
        assertThatThrownBy(() -> Ipcm.connect("alice", "[\"LocalMemory\",\"JSON\",\"localmemory-does-not-exist\"]"))
                .isInstanceOf(StoreGoneException.class).hasMessageContaining("does not exist");
    }
}
