package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * The payload of one custom-archive data stream: the chunks' bytes concatenated, up to the zero
 * length that ends it. Chunk boundaries mean nothing; this is the compressed (or raw) stream.
 */
final class ChunkedStream extends InputStream {
    private final ArchiveInput in;
    /** Bytes left in the current chunk. */
    private long left;
    private boolean done;

    ChunkedStream(ArchiveInput in) {
        this.in = in;
    }

    private boolean nextChunk() throws IOException {
        while (left == 0 && !done) {
            left = BlockScanner.chunkLength(in);
            done = left == 0;
        }
        return !done;
    }

    @Override
    public int read() throws IOException {
        if (!nextChunk()) {
            return -1;
        }
        left--;
        return in.readByte("chunk data");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        in.readFully(b, off, n, "chunk data");
        left -= n;
        return n;
    }

    /** Skips to the end of the stream (past its zero length), so the next field can be read. */
    void drain() throws IOException {
        while (nextChunk()) {
            in.skip(left, "chunk data");
            left = 0;
        }
    }

    boolean finished() {
        return done;
    }
}
