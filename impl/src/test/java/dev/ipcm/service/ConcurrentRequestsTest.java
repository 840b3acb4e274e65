package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight callers with 500 requests each in flight at once (125 on JSONFile): every response must
 * match its request. JSONFile commits every send and every take through its journal, flushed to
 * disk, under an exclusive lock of the whole store: 4,000 requests took it 20-24 s of the build,
 * for no interleaving that 1,000 cannot show.
 */
public class ConcurrentRequestsTest {
    static final int CALLERS = 8;
    static final int REQUESTS = 500;
    static final int REQUESTS_ON_WHOLE_FILE_STORES = 125;
    static final Duration WAIT = Duration.ofSeconds(90);

    static java.util.stream.Stream<Bus> buses() {
        return Bus.all();
    }

    /** Answers {@code reply_<request>}. */
    public static class ReplyFactory implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> "reply_" + r.text()).build();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buses")
    void everyResponseMatchesItsRequest(Bus bus) throws Exception {
        int requests = bus.protocol.startsWith("JSONFile") ? REQUESTS_ON_WHOLE_FILE_STORES : REQUESTS;
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try (ServiceHandle h = Services.start(bus.service("busy_svc", ReplyFactory.class))) {
            List<CompletableFuture<Integer>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                String caller = "caller" + c;
                callers.add(CompletableFuture.supplyAsync(() -> call(h.ipcmInfo(), caller, requests), pool));
            }
            for (CompletableFuture<Integer> f : callers) {
                assertThat(f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(requests);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int call(String info, String caller, int requests) {
        Map<String, String> expected = new ConcurrentHashMap<>();
        Map<String, String> got = new ConcurrentHashMap<>();
        try (ServiceHandle h = ServiceHandle.builder("busy_svc", info).name(caller).build()) {
            for (int i = 0; i < requests; i++) {
                String request = caller + "-" + i;
                String[] id = new String[1];
                id[0] = h.sendRequest("busy_svc", request, r -> got.put(r.id(), r.text()));
                expected.put(id[0], "reply_" + request);
            }
            h.awaitAllResponses(WAIT);
        }
        assertThat(got).isEqualTo(expected);
        return got.size();
    }
}
