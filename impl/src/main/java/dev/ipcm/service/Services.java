package dev.ipcm.service;

import org.apiguardian.api.API;

/** The service entry points behind {@code Ipcm.service(...)} and {@code Ipcm.launchService(...)}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Services {
    private Services() {}

    /** Starts a service and waits until it is ready. */
    public static ServiceHandle start(ServiceOptions options) {
        return ServiceLauncher.start(options);
    }

    /** Starts a service without waiting; returns its pid. */
    public static long launch(ServiceOptions options) {
        return ServiceLauncher.launch(options);
    }
}
