package dev.ipcm.service;

import org.apiguardian.api.API;

/**
 * The work of a worker process started by a service: a public class with a public no-argument
 * constructor, run in its own JVM. The process exits with the returned code (255 if it throws).
 * To react to the service's shutdown (TERM), register a JVM shutdown hook.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface WorkerTask {
    /** Does the work; the result is the worker's exit code. */
    int run(WorkerContext context) throws Exception;
}
