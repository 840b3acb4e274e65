package dev.ipcm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a cross-process run measures and how much. The defaults are the figures the performance
 * targets are stated for: 20,000 round trips after 2,000 of warm-up, 200,000 streamed messages
 * (20,000 on database stores, 2,000 on JSONFile, whose every operation rewrites one file), sizes
 * 100 B and 4 KiB, every available cross-process protocol, each beside its raw transport.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BenchOptions {
    private List<String> protocols;
    private List<Integer> sizes = List.of(100, 4096);
    private int roundTrips = 20_000;
    private int warmupRoundTrips = 2_000;
    private StreamCounts streams = StreamCounts.DEFAULTS;
    private long intervalNanos;
    private int parentCpu = -1;
    private int childCpu = -1;
    private boolean raw = true;
    private Duration sessionTimeout = Duration.ofMinutes(10);
    private ServiceSettings service = ServiceSettings.DEFAULTS;
    private IdleSettings idle = IdleSettings.DEFAULTS;
    private ScalingSettings scaling = ScalingSettings.DEFAULTS;
    private ReferenceSettings references = ReferenceSettings.DEFAULTS;
    private ColdSettings cold = ColdSettings.DEFAULTS;
    private LivenessSettings liveness = LivenessSettings.DEFAULTS;
    private final Map<String, Map<String, String>> spawnParams = new LinkedHashMap<>();
    private final Map<String, Database> databases = new LinkedHashMap<>();

    private BenchOptions() {}

    /** The defaults described above. */
    public static BenchOptions defaults() {
        return new BenchOptions();
    }

    /** Only these protocols (short names), in this order. */
    public BenchOptions protocols(List<String> names) {
        if (names.isEmpty()) {
            throw new BenchException("the protocol list is empty: name at least one protocol, or leave it out for all");
        }
        this.protocols = List.copyOf(names);
        return this;
    }

    /** Content sizes in bytes, each at least {@value Payloads#MIN_BYTES}. */
    public BenchOptions sizes(List<Integer> bytes) {
        if (bytes.isEmpty()) {
            throw new BenchException("the size list is empty: give at least one size in bytes");
        }
        for (int b : bytes) {
            if (b < Payloads.MIN_BYTES) {
                throw new BenchException("a size must be at least " + Payloads.MIN_BYTES + " bytes, got size=" + b);
            }
        }
        this.sizes = List.copyOf(bytes);
        return this;
    }

    /** Measured round trips per protocol and size. */
    public BenchOptions roundTrips(int count) {
        this.roundTrips = OptionChecks.positive("roundTrips", count);
        return this;
    }

    /** Closed-loop round trips before measuring; their median sets the schedule unless an interval is given. */
    public BenchOptions warmupRoundTrips(int count) {
        this.warmupRoundTrips = OptionChecks.nonNegative("warmupRoundTrips", count);
        return this;
    }

    /** Streamed messages on the socket, pipe and MessageFiles stores. */
    public BenchOptions messages(int count) {
        streams = new StreamCounts(OptionChecks.positive("messages", count), streams.databaseMessages(),
                streams.jsonFileMessages());
        return this;
    }

    /** Streamed messages on database stores. */
    public BenchOptions databaseMessages(int count) {
        streams = new StreamCounts(streams.messages(), OptionChecks.positive("databaseMessages", count),
                streams.jsonFileMessages());
        return this;
    }

    /** Streamed messages on JSONFile. */
    public BenchOptions jsonFileMessages(int count) {
        streams = new StreamCounts(streams.messages(), streams.databaseMessages(),
                OptionChecks.positive("jsonFileMessages", count));
        return this;
    }

    /**
     * A fixed spacing of the plain round-trip schedule; zero (the default) means four times the
     * protocol's warm-up median (at least 50 µs), and its raw baseline then runs on that same schedule.
     * The Echo service and the scaling senders always follow their own warm-up.
     */
    public BenchOptions interval(Duration interval) {
        if (interval.isNegative()) {
            throw new BenchException("the interval must not be negative, got interval=" + interval);
        }
        if (intervalNanos == PingPong.CLOSED_LOOP) {
            throw closedLoopWithInterval();
        }
        this.intervalNanos = interval.toNanos();
        return this;
    }

    /**
     * Plain and Echo round trips closed-loop instead of on a schedule: each is sent when the last
     * one returned and timed by itself, as the C limits and the Perl reference measure theirs, so
     * the ratios to them compare like with like; raw baselines run the same way. The scaling
     * senders keep their own schedules.
     */
    public BenchOptions closedLoop() {
        if (intervalNanos > 0) {
            throw closedLoopWithInterval();
        }
        this.intervalNanos = PingPong.CLOSED_LOOP;
        return this;
    }

    private static BenchException closedLoopWithInterval() {
        return new BenchException("a closed loop has no interval: give either closedLoop() (--closed-loop) or an "
                + "interval (--interval-us), not both");
    }

    /** Whether round trips run closed-loop ({@link #closedLoop()}). */
    boolean isClosedLoop() {
        return intervalNanos == PingPong.CLOSED_LOOP;
    }

    /**
     * Pins this JVM to {@code parentCpu} and every child JVM of the round trips, streams and
     * scaling curves to {@code childCpu} (the same CPU is allowed), with util-linux's
     * {@code taskset}; by default the scheduler places them, and may place a protocol and its raw
     * baseline differently (see {@link CpuPinning}). Linux only.
     */
    public BenchOptions pinCpus(int parentCpu, int childCpu) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (parentCpu < 0 || childCpu < 0) {
            throw new BenchException("CPU numbers start at 0, got parent=" + parentCpu + " child=" + childCpu);
        }
        if (Math.max(parentCpu, childCpu) >= cpus) {
            throw new BenchException("this JVM may use " + cpus + " CPUs (0 to " + (cpus - 1) + "), got parent="
                    + parentCpu + " child=" + childCpu + "; name CPUs within that range");
        }
        this.parentCpu = parentCpu;
        this.childCpu = childCpu;
        return this;
    }

    /** Whether to measure the raw transports beside the protocols (default true). */
    public BenchOptions raw(boolean value) {
        this.raw = value;
        return this;
    }

    /** How long one transport at one size may take before its child is killed and it is reported failed. */
    public BenchOptions sessionTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new BenchException("the session timeout must be positive, got " + timeout);
        }
        this.sessionTimeout = timeout;
        return this;
    }

    /**
     * Whether to measure the Echo service on each protocol (default true): request round trips at
     * the first size, and {@link #serviceStarts} starts of a child-JVM service.
     */
    public BenchOptions service(boolean value) {
        service = new ServiceSettings(value, service.starts(), service.protocols());
        return this;
    }

    /** Only these of the measured protocols get the Echo service measurement (default: all of them). */
    public BenchOptions serviceProtocols(List<String> names) {
        if (names.isEmpty()) {
            throw new BenchException("the service protocol list is empty: name at least one, or use service(false)");
        }
        service = new ServiceSettings(service.enabled(), service.starts(), List.copyOf(names));
        return this;
    }

    /** How many times the Echo service is started in a child JVM to time start-up (default 5). */
    public BenchOptions serviceStarts(int count) {
        service = new ServiceSettings(service.enabled(), OptionChecks.positive("serviceStarts", count), service.protocols());
        return this;
    }

    /**
     * Whether to count the queries of idle receivers on MariaDB and MySQL stores (default true,
     * {@code idleReceivers} receivers for {@code idleWindow}, on a private temporary server).
     */
    public BenchOptions idle(boolean value) {
        idle = new IdleSettings(value, idle.receivers(), idle.window());
        return this;
    }

    /** Idle receivers and the quiet window of the idle-query count (defaults 4 and 10 s). */
    public BenchOptions idle(int receivers, Duration window) {
        int checked = OptionChecks.positive("idleReceivers", receivers);
        if (window.isZero() || window.isNegative()) {
            throw new BenchException("the idle window must be positive, got " + window);
        }
        idle = new IdleSettings(idle.enabled(), checked, window);
        return this;
    }

    /**
     * Whether to run the scaling curves (default false): for each protocol, 1 to 16 concurrent
     * senders and 2 to 256 peers on the store, at the first size, with modest counts.
     */
    public BenchOptions scaling(boolean value) {
        scaling = new ScalingSettings(value, scaling.senderCounts(), scaling.peerCounts(), scaling.roundTrips(),
                scaling.messages());
        return this;
    }

    /** The numbers of concurrent senders of the scaling curve (default 1, 2, 4, 8, 16). */
    public BenchOptions senderCounts(List<Integer> counts) {
        scaling = new ScalingSettings(scaling.enabled(), OptionChecks.counts("senderCounts", counts, 1), scaling.peerCounts(),
                scaling.roundTrips(), scaling.messages());
        return this;
    }

    /** The numbers of peers on the store of the scaling curve (default 2, 16, 64, 256); at least 2. */
    public BenchOptions peerCounts(List<Integer> counts) {
        scaling = new ScalingSettings(scaling.enabled(), scaling.senderCounts(), OptionChecks.counts("peerCounts", counts, 2),
                scaling.roundTrips(), scaling.messages());
        return this;
    }

    /** Round trips per scaling point, shared among the senders (default 4,000). */
    public BenchOptions scalingRoundTrips(int count) {
        scaling = new ScalingSettings(scaling.enabled(), scaling.senderCounts(), scaling.peerCounts(),
                OptionChecks.positive("scalingRoundTrips", count), scaling.messages());
        return this;
    }

    /** Streamed messages per scaling point, shared among the senders (default 20,000). */
    public BenchOptions scalingMessages(int count) {
        scaling = new ScalingSettings(scaling.enabled(), scaling.senderCounts(), scaling.peerCounts(), scaling.roundTrips(),
                OptionChecks.positive("scalingMessages", count));
        return this;
    }

    /**
     * Also measure a reference implementation on the same stores, sizes and counts (default: none).
     *
     * @param name {@code perl} (IPC::Manager, found through {@link #referenceEnv} or the
     *     {@code IPCM_PERL_REFERENCE} environment variable), or {@code none}
     */
    public BenchOptions reference(String name) {
        if (!name.equals("perl") && !name.equals("none")) {
            throw new BenchException("the reference must be perl or none, got '" + name + "'");
        }
        references = new ReferenceSettings(name.equals("perl"), references.env(), references.limits());
        return this;
    }

    /**
     * Where the Perl reference is: its {@code env.sh}, or the folder that holds {@code env.sh} and
     * {@code bench.pl} (default: the {@code IPCM_PERL_REFERENCE} environment variable).
     */
    public BenchOptions referenceEnv(Path env) {
        references = new ReferenceSettings(references.perl(), env, references.limits());
        return this;
    }

    /**
     * Whether to build and run the C limits of the transports under the protocols (default: when
     * gcc is on the PATH). Asked for and not buildable, every row says why.
     */
    public BenchOptions limits(boolean value) {
        references = new ReferenceSettings(references.perl(), references.env(), value);
        return this;
    }

    /**
     * Whether to measure each protocol cold (default true): fresh JVMs that send one message and
     * then stream, and Echo services started in a thread.
     */
    public BenchOptions cold(boolean value) {
        cold = new ColdSettings(value, cold.messages(), cold.runs());
        return this;
    }

    /** Messages a fresh JVM streams after its first (default 20,000). */
    public BenchOptions coldMessages(int count) {
        cold = new ColdSettings(cold.enabled(), OptionChecks.positive("coldMessages", count), cold.runs());
        return this;
    }

    /** Fresh JVMs started per protocol (default 3). */
    public BenchOptions coldRuns(int count) {
        cold = new ColdSettings(cold.enabled(), cold.messages(), OptionChecks.positive("coldRuns", count));
        return this;
    }

    /**
     * Whether to measure liveness detection on database server stores (default true): peer JVMs
     * SIGKILLed, timed until another peer sees them gone.
     */
    public BenchOptions liveness(boolean value) {
        liveness = new LivenessSettings(value, liveness.runs());
        return this;
    }

    /** Peer JVMs killed per database server store (default 3). */
    public BenchOptions livenessRuns(int count) {
        liveness = new LivenessSettings(liveness.enabled(), OptionChecks.positive("livenessRuns", count));
        return this;
    }

    /** A spawn parameter for one protocol's stores. */
    public BenchOptions spawnParam(String protocol, String key, String value) {
        spawnParams.computeIfAbsent(protocol, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * The server the raw JDBC baseline of a database protocol uses; it should be the server the
     * protocol's stores live on.
     *
     * @param protocol {@code PostgreSQL}, {@code MariaDB} or {@code MySQL}
     */
    public BenchOptions database(String protocol, String jdbcUrl, String user, String password) {
        databases.put(protocol, new Database(jdbcUrl, user, password));
        return this;
    }

    Optional<List<String>> protocols() {
        return Optional.ofNullable(protocols);
    }

    List<Integer> sizes() {
        return sizes;
    }

    int roundTrips() {
        return roundTrips;
    }

    int warmupRoundTrips() {
        return warmupRoundTrips;
    }

    /** Streamed messages for a protocol, by the kind of store it is. */
    int messagesFor(String protocol) {
        return streams.forProtocol(protocol);
    }

    long intervalNanos() {
        return intervalNanos;
    }

    boolean raw() {
        return raw;
    }

    boolean pinned() {
        return parentCpu >= 0;
    }

    int parentCpu() {
        return parentCpu;
    }

    int childCpu() {
        return childCpu;
    }

    Duration sessionTimeout() {
        return sessionTimeout;
    }

    ServiceSettings service() {
        return service;
    }

    IdleSettings idle() {
        return idle;
    }

    ScalingSettings scaling() {
        return scaling;
    }

    ColdSettings cold() {
        return cold;
    }

    LivenessSettings liveness() {
        return liveness;
    }

    ReferenceSettings references() {
        return references;
    }

    Map<String, String> spawnParams(String protocol) {
        return spawnParams.getOrDefault(protocol, Map.of());
    }

    Optional<Database> database(String protocol) {
        return Optional.ofNullable(databases.get(protocol));
    }

    /** The settings as shown in reports. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocols", protocols == null ? "all available cross-process protocols" : protocols);
        m.put("sizes", new ArrayList<>(sizes));
        m.put("roundTrips", roundTrips);
        m.put("warmupRoundTrips", warmupRoundTrips);
        m.put("messages", streams.messages());
        m.put("databaseMessages", streams.databaseMessages());
        m.put("jsonFileMessages", streams.jsonFileMessages());
        m.put("interval", isClosedLoop() ? "none: closed loop (each round trip, Echo requests included, sent when the last returned)"
                : intervalNanos == 0 ? "4 x the protocol's warm-up median (at least 50 us), raw baseline on the same schedule"
                : intervalNanos + " ns");
        m.put("cpus", pinned() ? "this JVM on CPU " + parentCpu + ", child JVMs on CPU " + childCpu + " (taskset)"
                : "as the scheduler places them");
        m.put("rawJdbcWait", "servers: poll every " + RawJdbc.POLL_PAUSE_NANOS / 1000
                + " us; SQLite: wake on the journal's deletion, as the protocol does");
        m.put("echoService", service.describe());
        m.put("idleQueries", idle.describe());
        m.put("scaling", scaling.describe());
        m.put("cold", cold.describe());
        m.put("liveness", liveness.describe());
        m.put("references", references.describe()
                + " (closed loop: a round trip is sent when the previous reply arrives; no fixed schedule)");
        return m;
    }

    /** A database server for the raw JDBC baseline. */
    record Database(String url, String user, String password) {}
}
