package dev.ipcm.service;

import dev.ipcm.internal.Json;
import org.apiguardian.api.API;

/**
 * Where services start: a service and its handle, a service without waiting, a worker of the
 * running service. {@link dev.ipcm.Ipcm} is the same for stores and clients.
 *
 * <pre>{@code
 * try (ServiceHandle h = Services.start(ServiceOptions.named("echo").serviceClass(EchoService.class))) {
 *     Response r = h.request("hello", Duration.ofSeconds(5));   // "echo: hello"
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Services {
    private Services() {}

    /**
     * Starts a service and waits until it is ready: by default in a child JVM on a new store that
     * the returned handle owns (closing the handle shuts the store down, which ends the service).
     *
     * @throws ServiceStartException when it does not come up within the timeout
     * @throws ServiceConfigException for options that do not fit (no class, a protocol that cannot
     *     cross processes for a child JVM, a call from inside a service)
     */
    public static ServiceHandle start(ServiceOptions options) {
        return ServiceLauncher.start(options);
    }

    /**
     * Starts a service without waiting and returns its pid: on the given store
     * ({@link ServiceOptions#ipcmInfo}), or, inside a running service, on that service's store.
     */
    public static long launch(ServiceOptions options) {
        return ServiceLauncher.launch(options);
    }

    /**
     * Starts a worker process for the service running on this thread (from one of its callbacks).
     *
     * @return the worker's pid
     * @throws ServiceConfigException outside a running service
     */
    public static long worker(String name, Class<? extends WorkerTask> task, Object params) {
        ServiceContext service = ServiceLoop.current().orElseThrow(() -> new ServiceConfigException(
                "Services.worker() can only be called from inside a service (one of its callbacks)"));
        return service.startWorker(name, task, params == null ? null : Json.toTree(params));
    }
}
