/**
 * The API of ipcm: what a program that sends and receives messages meets, and nothing else.
 *
 * <p>{@link dev.ipcm.Ipcm} spawns a {@link dev.ipcm.Store} or connects a {@link dev.ipcm.Client}
 * by its {@link dev.ipcm.ConnectionInfo} string; clients exchange {@link dev.ipcm.Message}s,
 * count them in {@link dev.ipcm.Stats}, and say what their protocol can do in
 * {@link dev.ipcm.Capabilities}. Each kind of mistake has its own subclass of
 * {@link dev.ipcm.IpcmException}, whose message carries the offending value.
 *
 * <p>Stores are plugins ({@code dev.ipcm.spi}, implemented in {@code dev.ipcm.protocol.*}),
 * bytes go through a serializer ({@code dev.ipcm.serial}); docs/architecture.md draws the whole.
 * Those packages build on this one, so this one imports none of them: it reaches them through
 * the {@code INTERNAL} facades {@link dev.ipcm.IpcmFacade}, {@link dev.ipcm.StoreBackend} and
 * {@link dev.ipcm.ValuesFacade}, whose implementations are found by class name at run time.
 */
package dev.ipcm;
