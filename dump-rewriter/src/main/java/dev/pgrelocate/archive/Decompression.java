package dev.pgrelocate.archive;

import io.airlift.compress.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Turns an archive's stored data back into what pg_dump produced. Custom archives hold a zlib
 * stream per block for "gzip"; directory archives hold gzip files ({@code .gz}); LZ4 is the frame
 * format with linked blocks (which is why commons-compress, not lz4-java, reads it); zstd is read
 * by a pure-Java decoder so the CLI jar needs no native library.
 */
final class Decompression {
    private static final int BUFFER = 64 * 1024;

    private Decompression() {
    }

    /** How stored bytes are wrapped. */
    enum Container {
        /** Custom archive chunks: zlib (RFC 1950) for gzip. */
        ZLIB_STREAM,
        /** Files of directory and tar archives: gzip (RFC 1952) for gzip. */
        FILE
    }

    static InputStream open(InputStream raw, Compression compression, Container container) throws IOException {
        switch (compression) {
            case NONE:
                return raw;
            case GZIP:
                if (container == Container.FILE) {
                    return new GZIPInputStream(raw, BUFFER);
                }
                // pg_dump writes a zlib stream even for an empty table, but be lenient with no bytes at all.
                PushbackInputStream in = new PushbackInputStream(raw, 1);
                int first = in.read();
                if (first < 0) {
                    return InputStream.nullInputStream();
                }
                in.unread(first);
                return new InflaterStream(in);
            case LZ4:
                return new FramedLZ4CompressorInputStream(raw, true);
            case ZSTD:
                return new ZstdInputStream(raw);
            default:
                throw new IllegalStateException(compression.toString());
        }
    }

    /** The compression of a directory/tar data file, told by its name's suffix as pg_restore does. */
    static Compression ofFileName(String name) {
        if (name.endsWith(".gz")) {
            return Compression.GZIP;
        }
        if (name.endsWith(".lz4")) {
            return Compression.LZ4;
        }
        if (name.endsWith(".zst")) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /** InflaterInputStream that also frees its own Inflater on close. */
    private static final class InflaterStream extends InflaterInputStream {
        InflaterStream(InputStream in) {
            super(in, new Inflater(false), BUFFER);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }

    /**
     * Reports a decoder's IOException (corrupt or truncated compressed data) as an
     * {@link ArchiveFormatException} naming the file and the entry; archive errors pass through.
     */
    static InputStream reportingErrors(InputStream decoded, String file, long offset, TocEntry entry,
            Compression compression) {
        return new FilterInputStream(decoded) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (ArchiveFormatException e) {
                    throw e;
                } catch (IOException e) {
                    throw fail(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ArchiveFormatException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    throw fail(e);
                }
            }

            private ArchiveFormatException fail(Exception e) {
                return ArchiveFormatException.of(file, offset, entry, "cannot decompress the " + compression
                        + " data: " + e.getMessage(), "the data is corrupt or truncated", e);
            }
        };
    }
}
