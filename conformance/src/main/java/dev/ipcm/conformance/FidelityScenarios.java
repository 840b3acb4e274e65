package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capabilities;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.MessageTooLargeException;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import dev.ipcm.spi.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Message fidelity with chosen contents: every JSON shape, numbers beyond what a double holds,
 * text from every Unicode plane and long strings arrive exactly as sent, with id, stamp, sender
 * and recipient unchanged. The rules are those of docs/conformance.md, "Exactly as sent".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("fidelity")
public class FidelityScenarios {
    private static final int LONGEST_UNLIMITED = 4 << 20;
    // Larger limits (SQLite's blob size) would need gigabytes of heap to probe.
    private static final long MAX_PROBED_LIMIT = 64L << 20;
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public FidelityScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** Strings, numbers, booleans, arrays, objects, nested and empty ones, each alone and all together. */
    @Test
    @ScenarioName("json_shapes")
    void jsonShapes(@ClientName("a") Client a, @ClientName("b") Client b) {
        sendEach("shape", FidelityContents.shapes(), a, b);
    }

    /** Integers to 64 bits and beyond, decimals with every digit, exponents beyond a double's range. */
    @Test
    @ScenarioName("numbers_exact")
    void numbersExact(@ClientName("a") Client a, @ClientName("b") Client b) {
        sendEach("number", FidelityContents.numbers(), a, b);
    }

    /** Text from every Unicode plane, control characters and JSON escapes, as values and as keys. */
    @Test
    @ScenarioName("unicode_text")
    void unicodeText(@ClientName("a") Client a, @ClientName("b") Client b) {
        sendEach("text", FidelityContents.texts(), a, b);
    }

    /** Strings from empty to the largest the protocol carries (4 MiB where it has no limit) arrive whole. */
    @Test
    @ScenarioName("long_strings")
    void longStrings(Capabilities caps, @ClientName("a") Client a, @ClientName("b") Client b) {
        long roomy = Math.min(LONGEST_UNLIMITED, caps.maxMessageBytes() - MessageSizes.ENVELOPE_ALLOWANCE);
        List<Integer> sizes = new ArrayList<>();
        for (long size = 0; size <= roomy; size = size == 0 ? 1 : size * 16) {
            sizes.add((int) size);
        }
        Receiving receiving = Receiving.start(b, sizes.size(), wait);
        List<Fidelity.Sent> sent = new ArrayList<>();
        sizes.forEach(size -> sent.add(Fidelity.send(a, "b", FidelityContents.NODES.textNode(MessageSizes.text(size)))));
        Fidelity.assertAllArrived("strings of " + sizes + " chars", sent, receiving.messages());
    }

    /**
     * A message of exactly the declared maximum arrives whole; content one byte over it is refused
     * with {@link MessageTooLargeException}, and the messages sent before and after it are not lost.
     */
    @Test
    @ScenarioName("max_size_message")
    void maxSizeMessage(Store store, Capabilities caps, @ClientName("a") Client a, @ClientName("b") Client b) {
        assumeTrue(caps.maxMessageBytes() <= MAX_PROBED_LIMIT,
                "the protocol declares no message size limit up to " + MAX_PROBED_LIMIT + " bytes");
        int limit = (int) caps.maxMessageBytes();
        String fill = MessageSizes.textFilling(Stores.serializer(store), "a", "b", limit);
        Receiving receiving = Receiving.start(b, 3, wait);
        List<Fidelity.Sent> sent = new ArrayList<>();
        sent.add(Fidelity.send(a, "b", FidelityContents.NODES.textNode("before")));
        sent.add(Fidelity.send(a, "b", FidelityContents.NODES.textNode(fill)));
        // The content alone is one byte over: its JSON is the text and two quotes.
        String over = MessageSizes.text(limit - 1);
        assertThatThrownBy(() -> a.send("b", over)).as("sending content one byte over the limit of %d bytes", limit)
                .isInstanceOf(MessageTooLargeException.class).hasMessageContaining(String.valueOf(limit));
        sent.add(Fidelity.send(a, "b", FidelityContents.NODES.textNode("after")));
        Fidelity.assertAllArrived("before, at and after the size limit", sent, receiving.messages());
        assertThat(a.stats().sent()).as("messages counted as sent to b").isEqualTo(Map.of("b", 3L));
    }

    private void sendEach(String kind, Map<String, JsonNode> contents, Client a, Client b) {
        List<Fidelity.Sent> sent = new ArrayList<>();
        List<String> names = new ArrayList<>(contents.keySet());
        names.add("all of them in one array");
        Receiving receiving = Receiving.start(b, names.size(), wait);
        contents.values().forEach(c -> sent.add(Fidelity.send(a, "b", c)));
        sent.add(Fidelity.send(a, "b", FidelityContents.NODES.arrayNode().addAll(contents.values())));
        List<Message> got = receiving.messages();
        assertThat(got).as("%ss that arrived (sent: %s)", kind, names).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Fidelity.assertArrived(kind + " '" + names.get(i) + "'", sent.get(i), got.get(i));
        }
    }
}
