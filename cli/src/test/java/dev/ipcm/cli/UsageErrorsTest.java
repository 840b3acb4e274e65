package dev.ipcm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ipcm.Client;
import dev.ipcm.Ipcm;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every user mistake exits 2 with one line on standard error that says what was wrong, and no stack trace. */
class UsageErrorsTest {
    private static final Cli CLI = Cli.inProcess();
    private static String info;
    private static String goneInfo;
    private static Client bob;

    @BeforeAll
    static void stores() {
        info = CLI.run("spawn", "--protocol", "LocalMemory").line();
        goneInfo = CLI.run("spawn", "--protocol", "LocalMemory").line();
        assertThat(CLI.run("destroy", goneInfo).code()).isZero();
        bob = Ipcm.connect("bob", info);
    }

    @AfterAll
    static void destroy() {
        bob.close();
        CLI.run("destroy", info);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("no subcommand", "ipcm: a subcommand is required: one of spawn, destroy"),
                mistake("unknown subcommand", "ipcm: Unmatched argument at index 0: 'frobnicate'", "frobnicate"),
                mistake("unknown option", "ipcm spawn: Unknown option: '--bogus'", "spawn", "--bogus"),
                mistake("missing option", "ipcm send: Missing required option: '--from=NAME'",
                        "send", "$INFO", "--to", "bob", "1"),
                mistake("missing JSON", "ipcm send: Missing required parameter: 'JSON'",
                        "send", "$INFO", "--from", "a", "--to", "bob"),
                mistake("INFO not JSON", "ipcm peers: Connection info is not valid JSON", "peers", "not-json"),
                mistake("INFO not an array", "ipcm recv: Connection info must be a JSON array",
                        "recv", "{\"a\":1}", "--name", "x"),
                mistake("INFO of two elements", "ipcm destroy: Connection info must have exactly 3 elements",
                        "destroy", "[\"MessageFiles\",\"JSON\"]"),
                mistake("empty INFO", "ipcm peers: Connection info is empty", "peers", ""),
                mistake("unknown protocol in INFO", "ipcm send: Unknown protocol 'Nope': known protocols are",
                        "send", "[\"Nope\",\"JSON\",\"/tmp/x\"]", "--from", "a", "--to", "b", "1"),
                mistake("unknown Perl protocol in INFO", "ipcm destroy: Unknown protocol 'IPC::Manager::Client::Nope'",
                        "destroy", "[\"IPC::Manager::Client::Nope\",\"IPC::Manager::Serializer::JSON\",\"/tmp/x\"]"),
                mistake("unknown serializer in INFO", "ipcm peers: Unknown serializer 'Nope'",
                        "peers", "$INFO_WITH_SERIALIZER_Nope"),
                mistake("unknown protocol to spawn", "ipcm spawn: Unknown protocol 'Nope'", "spawn", "--protocol", "Nope"),
                mistake("unknown serializer to spawn", "ipcm spawn: Unknown serializer 'Nope'",
                        "spawn", "--protocol", "LocalMemory", "--serializer", "Nope"),
                mistake("bad --param", "ipcm spawn: Value for option option '--param' (KEY=VALUE) should be in KEY=VALUE format but was novalue",
                        "spawn", "--param", "novalue"),
                mistake("unknown peer", "ipcm send: There is no peer 'nobody' on this store",
                        "send", "$INFO", "--from", "alice", "--to", "nobody", "1"),
                mistake("a name that looks like an @-file", "ipcm send: There is no peer '@nobody' on this store",
                        "send", "$INFO", "--from", "alice", "--to", "@nobody", "1"),
                mistake("invalid sender name", "ipcm send: Client name \"a/b\" contains '/'",
                        "send", "$INFO", "--from", "a/b", "--to", "bob", "1"),
                mistake("invalid recipient name", "ipcm send: Client name \"../x\" may not start with a dot",
                        "send", "$INFO", "--from", "alice", "--to", "../x", "1"),
                mistake("invalid receiver name", "ipcm recv: Client name \"_x\" may not begin with an underscore",
                        "recv", "$INFO", "--name", "_x"),
                mistake("invalid broadcaster name", "ipcm broadcast: A client name is required",
                        "broadcast", "$INFO", "--from", "", "1"),
                mistake("name taken", "ipcm recv: Client 'bob' already exists", "recv", "$INFO", "--name", "bob"),
                mistake("content not JSON", "ipcm send: The message content is not valid JSON",
                        "send", "$INFO", "--from", "alice", "--to", "bob", "hello"),
                mistake("content with trailing text", "ipcm send: The message content is not valid JSON",
                        "send", "$INFO", "--from", "alice", "--to", "bob", "{\"a\":1} x"),
                mistake("content empty", "ipcm broadcast: The message content is empty",
                        "broadcast", "$INFO", "--from", "alice", " "),
                mistake("content null", "ipcm send: The message content is null",
                        "send", "$INFO", "--from", "alice", "--to", "bob", "null"),
                mistake("timeout not a number", "ipcm recv: Invalid value for option '--timeout': 'soon' is not a number",
                        "recv", "$INFO", "--name", "x", "--timeout", "soon"),
                mistake("negative timeout", "ipcm recv: Invalid value for option '--timeout': seconds must not be negative",
                        "recv", "$INFO", "--name", "x", "--timeout", "-1"),
                mistake("negative wait", "ipcm send: Invalid value for option '--wait': seconds must not be negative",
                        "send", "$INFO", "--from", "a", "--to", "bob", "--wait=-2", "1"),
                mistake("zero count", "ipcm recv: --count must be at least 1, got 0",
                        "recv", "$INFO", "--name", "x", "--count", "0"),
                mistake("count not a number", "ipcm recv: Invalid value for option '--count'",
                        "recv", "$INFO", "--name", "x", "--count", "many"),
                mistake("store gone", "ipcm send: The LocalMemory store at '", "send", "$GONE", "--from", "a", "--to", "b", "1"),
                mistake("destroy a store that is gone", "ipcm destroy: There is no LocalMemory store at '", "destroy", "$GONE"),
                mistake("destroy a database-server store", "ipcm destroy: 'ipcm destroy' drops only databases 'ipcm spawn' created "
                        + "(named ipcm_ and 16 hex digits); 'test' in 'dbi:Pg:dbname=test;host=127.0.0.1' is left as it is",
                        "destroy", "[\"IPC::Manager::Client::PostgreSQL\",\"IPC::Manager::Serializer::JSON\","
                                + "\"dbi:Pg:dbname=test;host=127.0.0.1\"]"),
                mistake("demo on an in-JVM protocol", "ipcm demo: The demo talks to a child JVM, but the LocalMemory protocol",
                        "demo", "--protocol", "LocalMemory"),
                mistake("demo count", "ipcm demo: --count must be at least 1, got -3", "demo", "--count", "-3"));
    }

    private static Arguments mistake(String what, String reason, String... args) {
        return Arguments.of(what, reason, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void exitsTwoWithAOneLineReason(String what, String reason, String[] args) {
        String[] resolved = Stream.of(args).map(UsageErrorsTest::resolve).toArray(String[]::new);
        Cli.Result r = CLI.run(resolved);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err().lines()).as(r.toString()).singleElement().asString().startsWith(reason);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String resolve(String arg) {
        switch (arg) {
            case "$INFO":
                return info;
            case "$GONE":
                return goneInfo;
            case "$INFO_WITH_SERIALIZER_Nope":
                return info.replace("IPC::Manager::Serializer::JSON", "Nope");
            default:
                return arg;
        }
    }
}
