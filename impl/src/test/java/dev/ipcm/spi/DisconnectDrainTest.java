package dev.ipcm.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Capabilities;
import dev.ipcm.ConnectionInfo;
import dev.ipcm.Message;
import dev.ipcm.Stats;
import dev.ipcm.serial.Serializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How disconnect drains what is left, on a client whose readiness counts as pending (as on sockets and pipes). */
class DisconnectDrainTest {
    /** A client over a plain list; "pending" is "something ready", and every wait is counted. */
    static final class ListClient extends AbstractClient {
        final List<Message> inbox = new ArrayList<>();
        int waits;

        ListClient() {
            super(new ConnectRequest("me", ConnectionInfo.parse("[\"LocalMemory\",\"JSON\",\"test-route\"]"),
                    Serializers.defaultSerializer(), false, Map.of()), Capabilities.of(), new Stats());
        }

        @Override
        protected void deliver(Message message) {
            inbox.add(message);
        }

        @Override
        protected List<Message> fetch() {
            List<Message> out = new ArrayList<>(inbox);
            inbox.clear();
            return out;
        }

        @Override
        protected boolean hasReady() {
            return !inbox.isEmpty();
        }

        @Override
        protected boolean hasPending() {
            return hasReady();
        }

        @Override
        protected void waitForActivity(long nanos) {
            waits++;
        }

        @Override
        protected List<String> listPeers() {
            return List.of();
        }

        @Override
        protected boolean isRegistered(String peer) {
            return false;
        }

        @Override
        protected OptionalLong recordedPid(String peer) {
            return OptionalLong.empty();
        }

        @Override
        protected int reapDeadPeers() {
            return 0;
        }

        @Override
        protected void unregister() {}

        @Override
        protected void finishDisconnect() {}

        @Override
        protected void persistStats(Stats stats) {}

        @Override
        protected Map<String, Stats> loadAllStats() {
            return Map.of();
        }
    }

    @Test
    void aClientWhoseOnlyLeftoverIsTheTerminateMessageLeavesWithoutWaiting() {
        ListClient client = new ListClient();
        client.inbox.add(Message.builder("spawn").to("me").content(Map.of("terminate", 1)).build());
        List<Message> handed = new ArrayList<>();

        client.disconnect(handed::addAll);

        assertThat(client.isDisconnected()).isTrue();
        assertThat(handed).isEmpty();
        assertThat(client.waits).as("waits for activity after the last message was taken").isZero();
    }

    @Test
    void otherLeftoversStillGoToTheHandler() {
        ListClient client = new ListClient();
        client.inbox.add(Message.builder("spawn").to("me").content(Map.of("terminate", 1)).build());
        client.inbox.add(Message.builder("alice").to("me").content(Map.of("n", 1)).build());
        List<Message> handed = new ArrayList<>();

        client.disconnect(handed::addAll);

        assertThat(handed).extracting(Message::from).containsExactly("alice");
        assertThat(client.waits).isZero();
    }
}
