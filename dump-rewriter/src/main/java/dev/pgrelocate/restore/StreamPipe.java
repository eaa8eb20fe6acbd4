package dev.pgrelocate.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between two threads (the rewriter writing, the restore reading), holding at most
 * {@code capacity} chunks of {@code chunkSize} bytes. Unlike {@link java.io.PipedInputStream} a
 * writer that fails does not look like the end of the input: {@link #fail} makes the reader throw,
 * so a half-rewritten dump is never taken for a whole one. Closing the reader makes the writer's
 * next write throw, so a restore that stops early also stops the rewrite.
 *
 * <p>The chunk buffers are reused: the reader hands each buffer back once it has read it, and the
 * writer takes its next buffer from those, so a pipe never holds more than {@code capacity + 2}
 * buffers (the queued ones, the one being read, the one being written) however much passes through.
 */
final class StreamPipe {
    /** A filled buffer and how much of it is data (the last chunk may be partial). */
    private record Chunk(byte[] data, int length) {
    }

    private static final Chunk EOF = new Chunk(new byte[0], 0);

    private final BlockingQueue<Chunk> queue;
    private final BlockingQueue<byte[]> free;
    private final int chunkSize;
    private final int maxBuffers;
    private int allocated; // writer thread only
    private volatile boolean readerClosed;
    private volatile Throwable writerFailure;

    StreamPipe(int capacity, int chunkSize) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBuffers = capacity + 2;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        this.chunkSize = chunkSize;
    }

    /** How many chunk buffers the writer has allocated so far (at most {@code capacity + 2}). */
    int allocatedBuffers() {
        return allocated;
    }

    /** Marks the data as incomplete: the reader throws once it has read what came before. */
    void fail(Throwable cause) {
        writerFailure = cause;
        put(EOF);
    }

    private boolean put(Chunk chunk) {
        try {
            while (!readerClosed) {
                if (queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A buffer the reader handed back, a new one while fewer than the maximum exist, else null once the reader closed. */
    private byte[] takeBuffer() throws IOException {
        byte[] reused = free.poll();
        if (reused != null) {
            return reused;
        }
        if (allocated < maxBuffers) {
            allocated++;
            return new byte[chunkSize];
        }
        try {
            while (!readerClosed) {
                byte[] b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the restore");
        }
        throw new IOException("the restore stopped reading");
    }

    final OutputStream out = new OutputStream() {
        private byte[] buf;
        private int len;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            ensureBuffer();
            if (len == buf.length) {
                flushChunk();
                ensureBuffer();
            }
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            while (n > 0) {
                ensureBuffer();
                if (len == buf.length) {
                    flushChunk();
                    ensureBuffer();
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void ensureBuffer() throws IOException {
            if (closed) {
                throw new IOException("pipe closed");
            }
            if (buf == null) {
                buf = takeBuffer();
                len = 0;
            }
        }

        /** Hands the current buffer to the reader; the next write takes another. */
        private void flushChunk() throws IOException {
            if (closed) {
                throw new IOException("pipe closed");
            }
            if (buf == null || len == 0) {
                return;
            }
            if (!put(new Chunk(buf, len))) {
                throw new IOException("the restore stopped reading");
            }
            buf = null;
            len = 0;
        }

        /** Chunks go to the reader when full; flush() does not force partial ones (the rewriter flushes once, at the end). */
        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                flushChunk();
                closed = true;
                put(EOF);
            }
        }
    };

    final InputStream in = new InputStream() {
        private Chunk chunk;
        private int pos;
        private boolean eof;

        private boolean fill() throws IOException {
            while (!eof && (chunk == null || pos == chunk.length())) {
                if (chunk != null) {
                    free.offer(chunk.data()); // read through: the writer may fill it again
                    chunk = null;
                }
                Chunk next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the rewriter");
                }
                pos = 0;
                if (next == EOF) {
                    eof = true;
                } else {
                    chunk = next;
                }
            }
            if (eof && writerFailure != null) {
                throw new IOException("the rewrite failed", writerFailure);
            }
            return !eof;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk.data()[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int k = Math.min(n, chunk.length() - pos);
            System.arraycopy(chunk.data(), pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    };
}
