package dev.ipcm.conformance;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Store;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmTest;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Names exactly as given: {@code from} and {@code to} arrive byte for byte, case included, names
 * of the maximum length work, and names that differ only in case or share a long prefix each
 * reach only their own mailbox. The rules are those of docs/conformance.md, "Exactly as sent".
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmTest
@ScenarioGroup("fidelity")
public class NameFidelityScenarios {
    private final Duration wait;

    /** Created by Jupiter with the harness settings. */
    public NameFidelityScenarios(IpcmConfiguration config) {
        this.wait = config.awaitTimeout();
    }

    /** Mixed-case and non-ASCII names arrive as {@code from} and {@code to} exactly as connected. */
    @Test
    @ScenarioName("names_exact")
    void namesExact(Store store) {
        eachGetsOnlyItsOwn(store, List.of("MixedCase-Sender", "r\u00e9cepteur", "UPPER_lower.9", "with space"));
    }

    /** A name of the protocol's maximum length connects, sends and receives under that exact name. */
    @Test
    @ScenarioName("max_length_names")
    void maxLengthNames(Store store, Capabilities caps) {
        int max = caps.maxNameLength();
        eachGetsOnlyItsOwn(store, List.of("L".repeat(max), "M" + "l".repeat(max - 1)));
    }

    /** Names that differ only in case are different clients, each with its own mailbox. */
    @Test
    @ScenarioName("names_differing_in_case")
    void namesDifferingInCase(Store store, Capabilities caps) {
        assumeFalse(caps.has(Capability.CASE_INSENSITIVE_NAMES), "the protocol declares CASE_INSENSITIVE_NAMES");
        eachGetsOnlyItsOwn(store, List.of("peer", "PEER", "Peer", "pEEr"));
    }

    /** Names that share a long prefix (one is a prefix of the others) each reach only their own mailbox. */
    @Test
    @ScenarioName("names_sharing_prefixes")
    void namesSharingPrefixes(Store store, Capabilities caps) {
        String prefix = "p".repeat(Math.min(caps.maxNameLength() - 2, 100));
        eachGetsOnlyItsOwn(store, List.of(prefix, prefix + "a", prefix + "ab", prefix + "b", prefix.substring(1)));
    }

    private void eachGetsOnlyItsOwn(Store store, List<String> names) {
        new NameMailboxes(store, wait).assertEachGetsOnlyItsOwn(names);
    }
}
