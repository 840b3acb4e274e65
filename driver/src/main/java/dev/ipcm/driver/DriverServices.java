package dev.ipcm.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import dev.ipcm.spi.NativeServices;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The implementation's own services, in the driver process: its Echo service started by the
 * driver ({@code start_service}), and its handles ({@code open_handle}), each named by an id this
 * side chooses, as clients are.
 */
final class DriverServices implements NativeServices {
    private static final AtomicLong IDS = new AtomicLong();

    private final DriverProcess process;
    private final DriverProtocol protocol;

    DriverServices(DriverProcess process, DriverProtocol protocol) {
        this.process = process;
        this.protocol = protocol;
    }

    @Override
    public RunningService startEcho(String info, String name, Duration timeout) {
        String id = "s" + IDS.incrementAndGet();
        ObjectNode args = protocol.args().put("service", id).put("info", info).put("name", name).put("kind", "echo")
                .put("timeout", BigDecimal.valueOf(Math.max(1, timeout.toMillis()), 3));
        long pid = process.call("start_service", args).path("pid").asLong();
        return new DriverService(id, pid);
    }

    @Override
    public Handle openHandle(String info, String serviceName) {
        String id = "h" + IDS.incrementAndGet();
        process.call("open_handle", protocol.args().put("handle", id).put("info", info).put("service", serviceName));
        return new DriverHandle(id);
    }

    private ObjectNode args(String field, String id) {
        return Json.mapper().createObjectNode().put(field, id);
    }

    private final class DriverService implements RunningService {
        private final String id;
        private final long pid;

        DriverService(String id, long pid) {
            this.id = id;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public OptionalInt exitStatus() {
            JsonNode status = process.call("service_status", args("service", id));
            return status.path("running").asBoolean(true) ? OptionalInt.empty() : OptionalInt.of(status.path("exit").asInt(-1));
        }

        @Override
        public void close() {
            process.call("stop_service", args("service", id));
        }
    }

    private final class DriverHandle implements Handle {
        private final String id;

        DriverHandle(String id) {
            this.id = id;
        }

        @Override
        public boolean ready() {
            return process.call("handle_ready", args("handle", id)).asBoolean();
        }

        @Override
        public String sendRequest(JsonNode request) {
            ObjectNode args = args("handle", id);
            args.set("content", request);
            return process.call("send_request", args).path("request_id").asText();
        }

        @Override
        public Optional<JsonNode> response(String requestId) {
            ObjectNode args = args("handle", id).put("request_id", requestId)
                    .put("wait", BigDecimal.valueOf(DriverWaits.SLICE.toMillis(), 3));
            JsonNode answer = process.call("response", args);
            return answer.isNull() || answer.isMissingNode() ? Optional.empty() : Optional.of(answer);
        }

        @Override
        public void close() {
            process.call("close_handle", args("handle", id));
        }
    }
}
