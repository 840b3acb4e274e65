/**
 * The services the conformance suite's service scenarios run in child JVMs. A child JVM finds a
 * service by class name, so each is a public class with a public no-argument constructor; none is
 * API. What a service observes in its own process comes back in its answers or, before it can
 * answer (launch hooks, workers), in files of the scenario's temporary directory.
 */
package dev.ipcm.conformance.services;
