package dev.ipcm.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.SpawnOptions;
import dev.ipcm.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to start a service with {@code Services.start(...)}: what to run, where (a child JVM by
 * default, or a thread of this JVM), on which store, and its parameters.
 *
 * <pre>{@code
 * try (ServiceHandle h = Services.start(ServiceOptions.named("echo").serviceClass(EchoService.class))) {
 *     Response r = h.syncRequest("hello", Duration.ofSeconds(5));   // "echo: hello"
 * }
 * }</pre>
 *
 * <p>A child JVM gets only data: the service is named by class (an {@link AbstractService}
 * subclass with a public {@code (ServiceParams)} constructor, or a {@link ServiceFactory} with a
 * public no-argument constructor) and everything else travels as JSON parameters. An instance
 * (a factory object or lambdas) can only run in a thread.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ServiceOptions {
    /** The ready timeout when none is given (IPC::Manager's value). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectNode params = Json.mapper().createObjectNode();
    private ServiceFactory factoryInstance;
    private boolean inThread;
    private boolean newIpcm;
    private SpawnOptions spawnOptions;
    private Duration timeout;
    private String handleName;
    private final List<String> jvmOptions = new ArrayList<>();
    private boolean quickStart = true;
    private List<String> program;

    private ServiceOptions(String name) {
        if (name == null || name.isEmpty()) {
            throw new ServiceConfigException("A service needs a name, got: '" + name + "'");
        }
        params.put("name", name);
    }

    /** Options for a service named {@code name}. */
    public static ServiceOptions named(String name) {
        return new ServiceOptions(name);
    }

    // ==== what runs ===========================================================================

    /** Runs this {@link AbstractService} subclass (it needs a public {@code (ServiceParams)} constructor). */
    public ServiceOptions serviceClass(Class<? extends AbstractService> type) {
        params.put("class", type.getName());
        return this;
    }

    /** Builds the service with this {@link ServiceFactory} class (it needs a public no-argument constructor). */
    public ServiceOptions factory(Class<? extends ServiceFactory> type) {
        params.put("class", type.getName());
        return this;
    }

    /** Runs the service or factory class of this name. */
    public ServiceOptions className(String name) {
        params.put("class", name);
        return this;
    }

    /** Builds the service with this factory object; only possible in a thread, so this implies {@link #inThread()}. */
    public ServiceOptions factory(ServiceFactory factory) {
        this.factoryInstance = factory;
        this.inThread = true;
        return this;
    }

    /**
     * Runs the service in a child JVM, built there by this factory object: the closest Java form
     * of the reference's {@code ipcm_service(name, sub)}. The child must be able to make the
     * object again, so it is either {@link java.io.Serializable} (a lambda cast to
     * {@code (ServiceFactory & Serializable) p -> ...}, capturing only serializable values; it
     * travels serialized in the parameters) or a public class with a public no-argument
     * constructor (made again there; fields set later do not travel). See docs/services.md,
     * "Lambdas in a child JVM".
     *
     * @throws ServiceConfigException at once, for any other object, saying how to write it
     */
    public ServiceOptions factoryInChild(ServiceFactory factory) {
        ObjectTransfer.describe("Service '" + name() + "'", factory, params, "class", "ServiceFactory");
        this.factoryInstance = null;
        this.inThread = false;
        return this;
    }

    /**
     * Runs any program as the service, for example a Perl IPC::Manager service or another JVM:
     * it must connect to the store itself under the service's name. It finds the store's info
     * string, its name and all parameters (as JSON) in the environment variables
     * {@code IPCM_INFO}, {@code IPCM_SERVICE_NAME} and {@code IPCM_SERVICE_PARAMS}. Readiness is the
     * same as for any service: the name registered with a running pid.
     */
    public ServiceOptions program(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new ServiceConfigException("A service program needs a command, got: " + command);
        }
        this.program = List.copyOf(command);
        return this;
    }

    /** Runs the service in a thread of this JVM instead of a child JVM (no separate pid). */
    public ServiceOptions inThread() {
        this.inThread = true;
        return this;
    }

    // ==== where ===============================================================================

    /** Uses an existing store; the handle then owns nothing and closing it leaves the service running. */
    public ServiceOptions ipcmInfo(String info) {
        params.put("ipcm_info", info);
        return this;
    }

    /** From inside a service: start on a new store instead of the service's own. */
    public ServiceOptions newIpcm() {
        this.newIpcm = true;
        return this;
    }

    /** How to spawn the new store (default: the default protocol list with JSON). */
    public ServiceOptions spawnOptions(SpawnOptions options) {
        this.spawnOptions = options;
        return this;
    }

    // ==== service parameters ==================================================================

    /** A parameter of the service's own (any JSON-mappable value). */
    public ServiceOptions param(String key, Object value) {
        params.set(key, Json.toTree(value));
        return this;
    }

    /** Pids whose death ends the service (a new store adds the caller's pid). */
    public ServiceOptions watchPids(long... pids) {
        ArrayNode a = params.putArray("watch_pids");
        for (long p : pids) {
            a.add(p);
        }
        return this;
    }

    /** The service's loop cycle. */
    public ServiceOptions cycle(Duration value) {
        params.put("cycle", ServiceParams.toSeconds("cycle", value));
        return this;
    }

    /** The service's interval. */
    public ServiceOptions interval(Duration value) {
        params.put("interval", ServiceParams.toSeconds("interval", value));
        return this;
    }

    /** Whether callback exceptions are reported and survived. */
    public ServiceOptions interceptErrors(boolean value) {
        params.put("intercept_errors", value ? 1 : 0);
        return this;
    }

    /** Whether error responses carry the exception text. */
    public ServiceOptions exposeErrorDetails(boolean value) {
        params.put("expose_error_details", value ? 1 : 0);
        return this;
    }

    /** Whether the service process ends without clean-up. */
    public ServiceOptions usePosixExit(boolean value) {
        params.put("use_posix_exit", value ? 1 : 0);
        return this;
    }

    /** Whether the service process returns from its entry point (exit 0) instead of exiting. */
    public ServiceOptions runReturnsToCaller(boolean value) {
        params.put("run_returns_to_caller", value ? 1 : 0);
        return this;
    }

    /** The {@code redirect} value, stored and passed on to nested services. */
    public ServiceOptions redirect(Object value) {
        params.set("redirect", Json.toTree(value));
        return this;
    }

    /**
     * IPC::Manager's {@code exec} option, for parity: extra JVM options for the child (its
     * {@code cmd}) and the {@code stay_in_begin} flag, which is carried to the service as a
     * parameter. Starting a fresh JVM with JSON parameters is already the default.
     */
    public ServiceOptions exec(List<String> jvmArgs, boolean stayInBegin) {
        ObjectNode exec = params.putObject("exec");
        ArrayNode cmd = exec.putArray("cmd");
        jvmArgs.forEach(cmd::add);
        exec.put("stay_in_begin", stayInBegin ? 1 : 0);
        jvmOptions.addAll(jvmArgs);
        return this;
    }

    /** An extra JVM option for the service's child JVM (memory, system properties, ...). */
    public ServiceOptions jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /**
     * Whether the service's child JVM is tuned to come up quickly (the default) or for peak speed
     * under sustained load. Quick means the C1 compiler only and the serial collector: about a
     * third less CPU until the service is ready, and request latency as good as with C2 for the
     * first minutes, but code that stays busy for long runs slower than C2 would make it (a
     * service doing heavy computation for hours should pass {@code false}). Options given with
     * {@link #jvmOption} that choose a compiler mode or collector win either way. Every child JVM
     * also maps its classes from a class-data archive in the user's cache where it can.
     */
    public ServiceOptions quickStart(boolean value) {
        this.quickStart = value;
        return this;
    }

    // ==== the caller's side ===================================================================

    /** How long to wait for the service to come up (default 10 s). */
    public ServiceOptions timeout(Duration value) {
        if (value == null || value.isNegative()) {
            throw new ServiceConfigException("timeout must not be negative, got: " + value);
        }
        this.timeout = value;
        params.put("timeout", ServiceParams.toSeconds("timeout", value));
        return this;
    }

    /** The client name of the returned handle (default {@code service_parent_<pid>}). */
    public ServiceOptions handleName(String name) {
        this.handleName = name;
        return this;
    }

    // ==== read by the launcher ================================================================

    ObjectNode params() {
        return params.deepCopy();
    }

    String name() {
        return params.get("name").asText();
    }

    Optional<ServiceFactory> factoryInstance() {
        return Optional.ofNullable(factoryInstance);
    }

    Optional<List<String>> program() {
        return Optional.ofNullable(program);
    }

    boolean isInThread() {
        return inThread;
    }

    boolean isNewIpcm() {
        return newIpcm;
    }

    Optional<SpawnOptions> spawnOptions() {
        return Optional.ofNullable(spawnOptions);
    }

    Duration timeoutOrDefault() {
        return timeout == null || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    }

    Optional<String> handleName() {
        return Optional.ofNullable(handleName);
    }

    List<String> jvmOptions() {
        return List.copyOf(jvmOptions);
    }

    boolean isQuickStart() {
        return quickStart;
    }
}
