package dev.ipcm.bench;

import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link Link} over byte channels with length-prefixed frames, as the stream-socket and FIFO
 * baselines use: one channel for both directions (a socket) or one each (two FIFOs).
 */
final class FramedLink implements Link {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final ByteBuffer frame;
    private final FrameReader reader;

    FramedLink(ReadableByteChannel in, WritableByteChannel out, int size) {
        this.in = in;
        this.out = out;
        this.frame = FrameWriter.frame(Payloads.bytes(size));
        this.reader = new FrameReader(in);
    }

    @Override
    public void send() throws Exception {
        FrameWriter.write(out, frame);
    }

    @Override
    public int receive() throws Exception {
        return reader.readFrames();
    }

    @Override
    public void close() throws Exception {
        in.close();
        if ((Channel) out != in) {
            out.close();
        }
    }
}
