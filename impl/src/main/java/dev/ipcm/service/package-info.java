/**
 * Services: named clients on a store that run an event loop and answer requests, in the message
 * shapes IPC::Manager uses, so Perl and Java services and callers call each other.
 *
 * <p>{@link dev.ipcm.service.Services} starts a service (in a child JVM or a thread) and returns
 * a {@link dev.ipcm.service.ServiceHandle} to call it. A service is written as an
 * {@link dev.ipcm.service.AbstractService} subclass, which supplies the hooks, or built from
 * lambdas as a {@link dev.ipcm.service.Service}; either acts through its
 * {@link dev.ipcm.service.ServiceContext}. Handles and contexts send requests as a
 * {@link dev.ipcm.service.Requester}. What runs a service (its loop, wake-up, signals, children,
 * launcher) is package-private. The whole story: docs/services.md.
 */
package dev.ipcm.service;
