package dev.pgrelocate.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between two threads (the rewriter writing, the restore reading), holding at most
 * {@code capacity} chunks of {@code chunkSize} bytes. Unlike {@link java.io.PipedInputStream} a
 * writer that fails does not look like the end of the input: {@link #fail} makes the reader throw,
 * so a half-rewritten dump is never taken for a whole one. Closing the reader makes the writer's
 * next write throw, so a restore that stops early also stops the rewrite.
 */
final class StreamPipe {
    private static final byte[] EOF = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private final int chunkSize;
    private volatile boolean readerClosed;
    private volatile Throwable writerFailure;

    StreamPipe(int capacity, int chunkSize) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.chunkSize = chunkSize;
    }

    /** Marks the data as incomplete: the reader throws once it has read what came before. */
    void fail(Throwable cause) {
        writerFailure = cause;
        put(EOF);
    }

    private boolean put(byte[] chunk) {
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

    final OutputStream out = new OutputStream() {
        private byte[] buf;
        private int len;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            ensureBuffer();
            if (len == buf.length) {
                flushChunk();
            }
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            ensureBuffer();
            while (n > 0) {
                if (len == buf.length) {
                    flushChunk();
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void ensureBuffer() {
            if (buf == null) {
                buf = new byte[chunkSize];
            }
        }

        private void flushChunk() throws IOException {
            if (closed) {
                throw new IOException("pipe closed");
            }
            if (len == 0) {
                return;
            }
            if (!put(len == buf.length ? buf : Arrays.copyOf(buf, len))) {
                throw new IOException("the restore stopped reading");
            }
            buf = new byte[chunkSize];
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
        private byte[] chunk;
        private int pos;
        private boolean eof;

        private boolean fill() throws IOException {
            while (!eof && (chunk == null || pos == chunk.length)) {
                try {
                    chunk = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the rewriter");
                }
                pos = 0;
                if (chunk == EOF) {
                    eof = true;
                }
            }
            if (eof && writerFailure != null) {
                throw new IOException("the rewrite failed", writerFailure);
            }
            return !eof;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int k = Math.min(n, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, k);
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
