package dev.ipcm.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.Ipcm;
import dev.ipcm.SpawnOptions;
import dev.ipcm.Store;
import dev.ipcm.internal.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code redirect} is stored and passed on to nested services (docs/services.md): a nested
 * service without its own gets the outer one's, unless the outer one says {@code inherit: 0}.
 */
class NestedRedirectTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** What each inner service saw as its redirect, by name ("none" when it had none). */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    /** Records its redirect at start and answers requests. */
    public static class Inner implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).onStart(s -> SEEN.put(s.settings().name(), s.settings().redirect().map(JsonNode::toString)
                    .orElse("none"))).handleRequest((s, r) -> "inner").build();
        }
    }

    /** Starts the nested service a request names, with the redirect the request gives (if any). */
    public static class Outer implements ServiceFactory {
        @Override
        public AbstractService create(ServiceParams p) {
            return Service.builder(p).handleRequest((s, r) -> {
                JsonNode ask = r.value();
                ServiceOptions inner = ServiceOptions.named(ask.get("name").asText()).factory(Inner.class).inThread()
                        .timeout(WAIT);
                if (ask.has("redirect")) {
                    inner.redirect(ask.get("redirect"));
                }
                return s.startService(inner).ready() ? "started" : "not ready";
            }).build();
        }
    }

    private static Optional<String> startInner(ServiceHandle outer, String name, Object redirect) {
        Map<String, Object> ask = redirect == null ? Map.of("name", name) : Map.of("name", name, "redirect", redirect);
        assertThat(outer.request(ask, WAIT).text()).isEqualTo("started");
        return Optional.ofNullable(SEEN.get(name));
    }

    @Test
    void aNestedServiceInheritsTheRedirectUnlessItHasItsOwn() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT))) {
            ServiceOptions outer = ServiceOptions.named("outer").factory(Outer.class).inThread().ipcmInfo(store.info())
                    .redirect(Map.of("stdout", "/tmp/outer.log")).timeout(WAIT);
            try (ServiceHandle h = Services.start(outer)) {
                assertThat(startInner(h, "inherits", null)).hasValue("{\"stdout\":\"/tmp/outer.log\"}");
                assertThat(startInner(h, "own", Map.of("stdout", "/tmp/own.log"))).hasValue("{\"stdout\":\"/tmp/own.log\"}");
            }
        }
    }

    @Test
    void inheritZeroKeepsTheRedirectToTheOuterService() {
        try (Store store = Ipcm.spawn(SpawnOptions.defaults().protocol("LocalMemory").peerTimeout(WAIT))) {
            ServiceOptions outer = ServiceOptions.named("outer0").factory(Outer.class).inThread().ipcmInfo(store.info())
                    .redirect(Json.decode("{\"stdout\":\"/tmp/outer.log\",\"inherit\":0}")).timeout(WAIT);
            try (ServiceHandle h = Services.start(outer)) {
                assertThat(startInner(h, "not_inherited", null)).hasValue("none");
            }
        }
    }
}
