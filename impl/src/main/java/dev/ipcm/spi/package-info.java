/**
 * The plugin interface for stores: what a protocol implements, and how ipcm finds protocols.
 *
 * <p>A {@link dev.ipcm.spi.Protocol} is found with {@link java.util.ServiceLoader}
 * ({@link dev.ipcm.spi.Protocols} loads and names them) and creates stores and clients. A
 * client extends {@link dev.ipcm.spi.AbstractClient}, which implements the whole
 * {@link dev.ipcm.Client} contract on a few hooks that move bytes; the machinery behind it
 * (sending, receiving, peers, leaving, waiting) is in package-private classes of one job each.
 * {@link dev.ipcm.spi.ClientNames} holds the name rules every store obeys; {@link dev.ipcm.spi.Stores}
 * gives a spawned store's protocol and serializer, and {@link dev.ipcm.spi.IpcmFacadeImpl} does
 * the spawning and connecting that {@link dev.ipcm.Ipcm} asks for.
 *
 * <p>How to write a plugin, step by step: docs/plugin-authors.md.
 */
package dev.ipcm.spi;
