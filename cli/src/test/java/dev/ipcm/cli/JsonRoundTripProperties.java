package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Whatever JSON value is given to {@code send} on the command line, {@code recv} prints it back unchanged. */
class JsonRoundTripProperties {
    private static final Cli CLI = Cli.inProcess();
    private static String info;

    @BeforeContainer
    static void spawn() {
        info = CLI.run("spawn", "--protocol", "LocalMemory").line();
    }

    @AfterContainer
    static void destroy() {
        CLI.run("destroy", info);
    }

    @Property(tries = 60)
    void contentArrivesAsWritten(@ForAll("json") JsonNode value, @ForAll boolean compactArgument) throws Exception {
        // As a user would type it: raw UTF-8 text, or escaped ASCII.
        String argument = compactArgument ? Json.encodeToString(value) : Json.mapper().copy()
                .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature())
                .writerWithDefaultPrettyPrinter().writeValueAsString(value);
        CompletableFuture<Cli.Result> recv = Background.supply(
                () -> CLI.run("recv", info, "--name", "bob", "--timeout", "60"));
        Cli.Result send = CLI.run("send", info, "--from", "alice", "--to", "bob", "--wait", "60", argument);
        assertThat(send.code()).as(send.toString()).isZero();
        Cli.Result got = recv.get(90, TimeUnit.SECONDS);
        assertThat(got.code()).as(got.toString()).isZero();
        JsonNode printed = Json.decode(got.line()).get("content");
        assertThat(Json.encodeToString(printed)).isEqualTo(Json.encodeToString(value));
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return value();
    }

    private static Arbitrary<JsonNode> value() {
        return Arbitraries.lazyOf(JsonRoundTripProperties::scalar, JsonRoundTripProperties::scalar,
                JsonRoundTripProperties::array, JsonRoundTripProperties::object);
    }

    private static Arbitrary<JsonNode> scalar() {
        JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
        return Arbitraries.oneOf(
                text().map(f::textNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.bigDecimals().ofScale(4).between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                        .map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode));
    }

    private static Arbitrary<String> text() {
        // Any Unicode text without lone surrogates, which no JSON encoder writes as UTF-8; dashes and
        // at-signs first so that option-like and @file-like arguments come up often.
        return Arbitraries.strings().withChars("-@\"\\ ").withCharRange('\u0000', '\ud7ff')
                .withCharRange('\ue000', '\uffff').ofMaxLength(12);
    }

    private static Arbitrary<JsonNode> array() {
        return Arbitraries.lazy(() -> value().list().ofMaxSize(3)).map(items -> {
            ArrayNode a = Json.mapper().createArrayNode();
            items.forEach(a::add);
            return (JsonNode) a;
        });
    }

    private static Arbitrary<JsonNode> object() {
        return Arbitraries.maps(text(), Arbitraries.lazy(JsonRoundTripProperties::scalar)).ofMaxSize(3).map(m -> {
            ObjectNode o = Json.mapper().createObjectNode();
            m.forEach(o::set);
            return (JsonNode) o;
        });
    }
}
