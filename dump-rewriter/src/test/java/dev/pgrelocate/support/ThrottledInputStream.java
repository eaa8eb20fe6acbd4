package dev.pgrelocate.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/**
 * An in-memory input that hands out at most a few bytes per {@code read}, so that every buffer
 * boundary of a reader lands somewhere inside a quote, a {@code $tag$}, a {@code \.} or a CRLF.
 */
public final class ThrottledInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final Random random;
    private final int maxChunk;

    private ThrottledInputStream(byte[] data, Random random, int maxChunk) {
        this.in = new ByteArrayInputStream(data);
        this.random = random;
        this.maxChunk = maxChunk;
    }

    /** Exactly one byte per read. */
    public static ThrottledInputStream oneByteAtATime(byte[] data) {
        return new ThrottledInputStream(data, null, 1);
    }

    /** Between 1 and {@code maxChunk} bytes per read, chosen by a seeded random. */
    public static ThrottledInputStream randomChunks(byte[] data, long seed, int maxChunk) {
        return new ThrottledInputStream(data, new Random(seed), maxChunk);
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int chunk = random == null ? 1 : 1 + random.nextInt(maxChunk);
        return in.read(b, off, Math.min(len, chunk));
    }
}
