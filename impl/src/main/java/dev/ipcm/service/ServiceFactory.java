package dev.ipcm.service;

import org.apiguardian.api.API;

/**
 * Builds a service from its parameters. A factory named by class (public, with a public no-argument
 * constructor) can build the service inside a child JVM, which is how a {@link Service} made of
 * lambdas runs in its own process: the lambdas live in the factory's code, the data in the
 * parameters.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ServiceFactory {
    /** The service for these parameters (not yet running). */
    AbstractService create(ServiceParams params) throws Exception;
}
