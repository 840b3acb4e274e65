package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apiguardian.api.API;

/**
 * Connect/disconnect sequences over a pool of five names: after every step an observer's
 * {@code peers()} is exactly the connected set and its peer-change wait reports exactly that step.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmProperties
@ScenarioGroup("peers")
public class PeerProperties {
    /** Each element toggles client {@code p<i>}: connects it if it is out, disconnects it if it is in. */
    @Property(tries = 20)
    @ScenarioName("peer_set_consistency")
    void peersFollowConnectsAndDisconnects(@ForAll @Size(min = 1, max = 30) List<@IntRange(max = 4) Integer> toggles,
            Store store, @ClientName("observer") Client observer, IpcmConfiguration config) {
        Map<String, Client> live = new TreeMap<>();
        observer.awaitPeerChange(java.time.Duration.ZERO); // baseline: nobody else yet
        for (int i : toggles) {
            String name = "p" + i;
            Client c = live.remove(name);
            int change;
            if (c == null) {
                live.put(name, store.connect(name));
                change = 1;
            } else {
                c.disconnect();
                change = -1;
            }
            assertThat(observer.peers()).as("peers after toggling %s", name).containsExactlyElementsOf(new ArrayList<>(live.keySet()));
            assertThat(observer.awaitPeerChange(config.awaitTimeout())).as("change after toggling %s", name)
                    .isEqualTo(Map.of(name, change));
        }
    }
}
