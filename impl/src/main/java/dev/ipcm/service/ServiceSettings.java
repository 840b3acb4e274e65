package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ipcm.os.Os;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The settings of a service, read once from its {@link ServiceParams}: who it is on which store,
 * the loop's timing, what ends it, and how it treats errors and its own exit.
 *
 * @param name the service's client name on the bus ({@code name}, required)
 * @param ipcmInfo the store's info string ({@code ipcm_info}, required)
 * @param pid the process the service is set up for ({@code pid}; this process when absent)
 * @param watchPids pids whose death ends the service ({@code watch_pids})
 * @param cycle the longest single wait of the loop ({@code cycle} in seconds, 0.2 s by default)
 * @param interval the period of the interval activity ({@code interval} in seconds, 0.2 s by default)
 * @param interceptErrors whether exceptions from callbacks are reported and survived instead of
 *     ending the loop ({@code intercept_errors})
 * @param exposeErrorDetails whether a failed request's error response carries the exception text
 *     ({@code expose_error_details})
 * @param usePosixExit whether the service process ends without clean-up: no disconnect, no
 *     shutdown hooks ({@code use_posix_exit})
 * @param runReturnsToCaller whether a launched service process returns from its entry point
 *     instead of exiting ({@code run_returns_to_caller})
 * @param redirect the {@code redirect} value, only stored and passed on to nested services
 * @param params the parameters these settings were read from
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ServiceSettings(String name, String ipcmInfo, long pid, List<Long> watchPids, Duration cycle,
        Duration interval, boolean interceptErrors, boolean exposeErrorDetails, boolean usePosixExit,
        boolean runReturnsToCaller, Optional<JsonNode> redirect, ServiceParams params) {
    /** The default longest single wait of the loop. */
    public static final Duration DEFAULT_CYCLE = Duration.ofMillis(200);
    /** The default period of the interval activity. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);

    /** Settings as given; the pid list is copied. */
    public ServiceSettings {
        watchPids = List.copyOf(watchPids);
    }

    /**
     * The settings {@code params} hold; every key but {@code name} and {@code ipcm_info} may be
     * absent.
     *
     * @throws ServiceConfigException naming a missing or malformed parameter
     */
    public static ServiceSettings from(ServiceParams params) {
        return new ServiceSettings(params.name(), params.ipcmInfo(),
                params.has("pid") ? params.get("pid").asLong() : Os.get().pid(), params.pids("watch_pids"),
                params.seconds("cycle").orElse(DEFAULT_CYCLE), params.seconds("interval").orElse(DEFAULT_INTERVAL),
                params.flag("intercept_errors"), params.flag("expose_error_details"), params.flag("use_posix_exit"),
                params.flag("run_returns_to_caller"), Optional.ofNullable(params.get("redirect")), params);
    }
}
