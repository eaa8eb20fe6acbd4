package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered stream over a file channel from a given position, using positioned reads so several
 * streams can share one channel. {@link #skip} seeks instead of reading: scanning a custom
 * archive's data section walks chunk lengths and never touches the payloads.
 */
final class ChannelStream extends InputStream {
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer;
    /** File position of buffer index 0. */
    private long bufferStart;

    ChannelStream(FileChannel channel, long position, int bufferSize) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.buffer = ByteBuffer.allocate(bufferSize);
        this.buffer.limit(0);
        this.bufferStart = position;
    }

    /** The file position of the next byte to read. */
    long position() {
        return bufferStart + buffer.position();
    }

    private boolean fill() throws IOException {
        bufferStart = position();
        buffer.clear();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, bufferStart + buffer.position());
            if (n < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer.hasRemaining();
    }

    @Override
    public int read() throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        return buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long position = position();
        long target = Math.min(size, position + n);
        if (target - bufferStart <= buffer.limit()) {
            buffer.position((int) (target - bufferStart));
        } else {
            bufferStart = target;
            buffer.limit(0);
        }
        return target - position;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }

    /** The channel belongs to the archive; closing a stream over it does nothing. */
    @Override
    public void close() {
    }
}
