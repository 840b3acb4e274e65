package dev.ipcm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capabilities;
import dev.ipcm.Capability;
import dev.ipcm.Client;
import dev.ipcm.Message;
import dev.ipcm.Store;
import dev.ipcm.junit.ClientName;
import dev.ipcm.junit.IpcmConfiguration;
import dev.ipcm.junit.IpcmProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apiguardian.api.API;

/**
 * Suspend and reconnect at generated points (protocols with {@link Capability#SUSPEND}): nothing
 * is lost or doubled, order holds, and what was sent while suspended arrives after reconnecting.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@IpcmProperties(requires = Capability.SUSPEND)
@ScenarioGroup("suspend")
public class SuspendProperties {
    /** One step of the run. */
    enum Step { SEND, SUSPEND, RECONNECT, RECEIVE }

    /** Mostly sends, with suspends, reconnects and receives between them. */
    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(6, Step.SEND), net.jqwik.api.Tuple.of(2, Step.SUSPEND),
                net.jqwik.api.Tuple.of(2, Step.RECONNECT), net.jqwik.api.Tuple.of(2, Step.RECEIVE)).list().ofMinSize(1).ofMaxSize(60)
                .withSizeDistribution(net.jqwik.api.RandomDistribution.biased());
    }

    /** Every message arrives once and in order across any suspend/reconnect points. */
    @Property(tries = 20)
    @ScenarioName("suspend_reconnect_no_loss")
    void noLossAcrossSuspends(@ForAll("steps") List<Step> steps, Store store, Capabilities caps,
            @ClientName("s") Client sender, IpcmConfiguration config) {
        Client receiver = store.connect("r");
        boolean suspended = false;
        int sent = 0;
        List<Integer> got = new ArrayList<>();
        List<Integer> sentWhileSuspended = new ArrayList<>();
        for (Step step : steps) {
            switch (step) {
                case SEND -> {
                    if (suspended) {
                        sentWhileSuspended.add(sent);
                    }
                    sender.send("r", PropertyPayloads.content("s", sent++, PropertyPayloads.fit(16, caps)));
                }
                case SUSPEND -> {
                    if (!suspended) {
                        receiver.suspend();
                        suspended = true;
                    }
                }
                case RECONNECT -> {
                    if (suspended) {
                        receiver = store.reconnect("r");
                        suspended = false;
                    }
                }
                case RECEIVE -> {
                    if (!suspended) {
                        receiver.receive().forEach(m -> got.add(seq(m)));
                    }
                }
            }
        }
        if (suspended) {
            receiver = store.reconnect("r");
        }
        Await.messages(receiver, sent - got.size(), config.awaitTimeout()).forEach(m -> got.add(seq(m)));
        assertThat(got).as("sequence numbers received across the suspends, each once and in order").containsExactlyElementsOf(IntStream.range(0, sent).boxed().toList());
        assertThat(got).as("messages sent while suspended").containsAll(sentWhileSuspended);
    }

    private static int seq(Message m) {
        return m.content().get("q").asInt();
    }
}
