/**
 * AtomicPipe: every client reads its own FIFO in the store directory, and senders write each
 * message as Atomic::Pipe chunks of at most {@code PIPE_BUF} bytes, so many writers share one FIFO
 * and messages of any size arrive whole.
 *
 * <p>The client ({@code AtomicPipeClient}) builds on the directory base; the framing
 * ({@code ChunkFraming}), the reader's reassembly per writer ({@code Reassembler}) and the
 * non-blocking reader and writers ({@code FifoReader}, {@code FifoWriter}) are here. The bytes on
 * the wire: docs/protocols/kernel-transports.md.
 */
package dev.ipcm.protocol.pipe;
