package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.InvalidNameException;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.spi.ClientNames;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apiguardian.api.API;

/**
 * Message fidelity over generated contents and names: whatever JSON is sent (any shape, any
 * number, any Unicode text, a string up to the protocol's limit) arrives exactly as sent, and
 * generated names, differing in case or sharing prefixes, each reach only their own mailbox.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmProperties
@ScenarioGroup("fidelity")
public class FidelityProperties {
    /** Up to eight JSON values, three levels deep; null only inside them, as content itself must not be null. */
    @Provide
    Arbitrary<List<JsonNode>> contents() {
        return JsonArbitraries.values(3).filter(v -> !v.isNull()).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Names from a generated stem: the stem, longer names that start with it, and its case variants. */
    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> stem = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withChars('\u00e9', '\u00c9', '-', '.').ofMinLength(1).ofMaxLength(60);
        Arbitrary<String> tail = Arbitraries.strings().withCharRange('a', 'c').ofMinLength(1).ofMaxLength(3);
        return stem.flatMap(s -> tail.list().ofMaxSize(3).map(tails -> {
            Set<String> names = new LinkedHashSet<>(List.of(s, s.toUpperCase(Locale.ROOT), s.toLowerCase(Locale.ROOT)));
            tails.forEach(t -> names.add(s + t));
            names.removeIf(n -> !isValidName(n));
            return List.copyOf(names);
        })).filter(names -> names.size() >= 2);
    }

    /** Every generated content, with a string up to the protocol's limit beside it, arrives exactly as sent. */
    @Property(tries = 20)
    @ScenarioName("contents_arrive_exactly")
    void contentsArriveExactly(@ForAll("contents") List<JsonNode> contents, @ForAll("sizes") int size, Capabilities caps,
            @ClientName("a") Client a, @ClientName("b") Client b, IpcmConfiguration config) {
        Receiving receiving = Receiving.start(b, contents.size() + 1, config.awaitTimeout());
        List<Fidelity.Sent> sent = new ArrayList<>();
        contents.forEach(c -> sent.add(Fidelity.send(a, "b", c)));
        // The padding and every content together in one message, within the protocol's limit.
        JsonNode all = FidelityContents.NODES.arrayNode().addAll(contents);
        String pad = MessageSizes.text(PropertyPayloads.fitBeside(size, caps, all));
        sent.add(Fidelity.send(a, "b", FidelityContents.NODES.objectNode().put("pad", pad).set("all", all)));
        Fidelity.assertAllArrived("generated contents", sent, receiving.messages());
    }

    /** Payload sizes as the delivery properties generate them. */
    @Provide
    Arbitrary<Integer> sizes() {
        return PropertyPayloads.sizes();
    }

    /** Generated names that differ in case or share prefixes each get exactly their own messages, names intact. */
    @Property(tries = 20)
    @ScenarioName("names_reach_own_mailbox")
    void namesReachOwnMailbox(@ForAll("names") List<String> names, Store store, Capabilities caps, IpcmConfiguration config) {
        Assume.that(names.stream().allMatch(n -> n.length() <= caps.maxNameLength()));
        List<String> distinct = caps.has(Capability.CASE_INSENSITIVE_NAMES)
                ? names.stream().filter(distinctIgnoringCase(new LinkedHashSet<>())).toList() : names;
        new NameMailboxes(store, config.awaitTimeout()).assertEachGetsOnlyItsOwn(distinct);
    }

    private static boolean isValidName(String name) {
        try {
            ClientNames.validate(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    private static java.util.function.Predicate<String> distinctIgnoringCase(Set<String> seen) {
        return n -> seen.add(n.toLowerCase(Locale.ROOT));
    }
}
