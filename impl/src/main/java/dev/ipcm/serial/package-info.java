/**
 * Serializers: the bytes of a message or of any JSON value, as IPC::Manager's serializers write
 * them, so Java and Perl processes read each other's stores.
 *
 * <p>{@link dev.ipcm.serial.JsonSerializer} and {@link dev.ipcm.serial.ZstdJsonSerializer} are
 * found by name through {@link dev.ipcm.serial.Serializers}. Both stream whole messages through
 * the wire codec that is this package's private part ({@code MessageCodec}): a byte-level reader
 * and writer for the common wire object, then Jackson's streaming API, then the tree path, each
 * handing what it does not take to the next, byte for byte the tree path's output. Why and how:
 * docs/architecture.md ("One contract, many stores") and docs/performance.md.
 */
package dev.ipcm.serial;
