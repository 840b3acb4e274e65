/**
 * The base of the directory stores (MessageFiles, AtomicPipe, UnixSocket, ConnectionUnix): a
 * store is a private directory, and every client owns one entry in it (its endpoint) with small
 * sidecar files beside it ({@code N.pid}, {@code N.name}, {@code N.stats}, {@code N.suspend},
 * {@code N.resume}).
 *
 * <p>Here, once for all four: spawning the directory, mapping a client id to its on-disk name,
 * reading and writing the sidecars as IPC::Manager does, connect and reconnect checks, listing and
 * reaping peers, requeued messages, the inotify watches that wake waiters, and the per-peer
 * outboxes the kernel transports send through. A protocol adds only its endpoint and its
 * transport. The layout and its rules: docs/protocols/file-stores.md.
 */
package dev.ipcm.protocol.directory;
