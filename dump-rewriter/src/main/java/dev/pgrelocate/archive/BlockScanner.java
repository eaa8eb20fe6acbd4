package dev.pgrelocate.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Finds the data blocks of a custom archive by walking block headers and chunk lengths, skipping
 * payloads (never decompressing): this is how an archive written to a pipe (offsets not set) is
 * read, and how a writer learns each block's size before it writes the new offsets.
 */
final class BlockScanner {
    /** Large reads: the chunk headers lie every few KiB, so one read covers dozens of them. */
    private static final int BUFFER = 256 * 1024;

    private final FileChannel channel;
    private final String file;
    private final ArchiveHeader header;
    /** The TOC entry of a dumpId, for messages (may return null). */
    private final IntFunction<TocEntry> entries;

    BlockScanner(FileChannel channel, String file, ArchiveHeader header, IntFunction<TocEntry> entries) {
        this.channel = channel;
        this.file = file;
        this.header = header;
        this.entries = entries;
    }

    /**
     * Every block from {@code start} (the end of the TOC) to the end of the file, in file order.
     * Chunk headers are read through a memory map; a block the map walk finds anything wrong with
     * is walked again by {@link #scanOne}, which reports the problem with its offset and entry.
     */
    List<DataBlock> scanAll(long start) throws IOException {
        return scanAll(start, MappedBytes.DEFAULT_WINDOW);
    }

    /** {@link #scanAll(long)} with maps of {@code windowSize} bytes (tests make them tiny). */
    List<DataBlock> scanAll(long start, long windowSize) throws IOException {
        long size = channel.size();
        List<DataBlock> blocks = new ArrayList<>();
        try (MappedBytes bytes = new MappedBytes(channel, windowSize)) {
            long position = start;
            while (position < size) {
                DataBlock block;
                try {
                    block = mappedBlock(bytes, position);
                } catch (InternalError fileShrankUnderTheMap) {
                    block = null; // the careful walk reads what is left and reports it
                }
                if (block == null) {
                    block = scanOne(position, -1);
                }
                blocks.add(block);
                position = block.end();
            }
        }
        return blocks;
    }

    /** The block at {@code position} as the map shows it, or null when it is not well formed. */
    DataBlock mappedBlock(MappedBytes bytes, long position) throws IOException {
        int intBytes = 1 + header.intSize();
        int type = bytes.byteAt(position);
        long id = bytes.nonNegativeIntAt(position + 1, header.intSize());
        if (id < 0 || id > Integer.MAX_VALUE) {
            return null;
        }
        long at = position + 1 + intBytes;
        if (type == DataBlock.BLK_DATA) {
            at = mappedChunksEnd(bytes, at);
        } else if (type == DataBlock.BLK_BLOBS) {
            for (long oid = bytes.nonNegativeIntAt(at, header.intSize()); oid != 0 && at >= 0;
                    oid = bytes.nonNegativeIntAt(at, header.intSize())) {
                at = oid < 0 || oid > 0xFFFFFFFFL ? -1 : mappedChunksEnd(bytes, at + intBytes);
            }
            at = at < 0 ? -1 : at + intBytes;
        } else {
            return null;
        }
        return at < 0 ? null : new DataBlock(type, (int) id, position, at);
    }

    /** One past the zero length that ends the chunks starting at {@code at}, or -1. */
    private long mappedChunksEnd(MappedBytes bytes, long at) throws IOException {
        int intBytes = 1 + header.intSize();
        for (long len = bytes.nonNegativeIntAt(at, header.intSize()); len != 0;
                len = bytes.nonNegativeIntAt(at, header.intSize())) {
            if (len < 0 || len > bytes.size() - at - intBytes) {
                return -1;
            }
            at += intBytes + len;
        }
        return at + intBytes;
    }

    /**
     * The block starting at {@code position}; if {@code expectedId} is positive, the block must
     * belong to that dumpId (a data offset pointing elsewhere is reported, not followed).
     */
    DataBlock scanOne(long position, int expectedId) throws IOException {
        ArchiveInput in = input(position);
        TocEntry expected = expectedId > 0 ? entries.apply(expectedId) : null;
        in.where(expected == null ? "data block" : "data block of TOC entry " + ArchiveFormatException.describe(expected));
        int type = in.readByte("block type");
        long idAt = in.position();
        int id = in.readSmallInt("block dumpId");
        if (expectedId > 0 && id != expectedId) {
            throw in.error(idAt, "found unexpected block ID " + id + " when reading data, expected " + expectedId,
                    "the TOC's data offset does not point at this entry's block: the archive was changed without"
                            + " recomputing offsets, or is corrupt");
        }
        TocEntry owner = entries.apply(id);
        if (expected == null) {
            in.where(owner == null ? "data block of dumpId " + id + ", which is not in the TOC"
                    : "data block of TOC entry " + ArchiveFormatException.describe(owner));
        }
        if (type == DataBlock.BLK_DATA) {
            skipChunks(in);
        } else if (type == DataBlock.BLK_BLOBS) {
            for (long oid = readOid(in); oid != 0; oid = readOid(in)) {
                skipChunks(in);
            }
        } else {
            throw in.error(position, "unrecognized data block type " + type + " (expected 1 data or 3 large"
                    + " objects)", "the data section is corrupt, or a data offset points into the middle of a block");
        }
        return new DataBlock(type, id, position, in.position());
    }

    ArchiveInput input(long position) throws IOException {
        ArchiveInput in = new ArchiveInput(new ChannelStream(channel, position, BUFFER), file, channel.size(), position);
        in.sizes(header.intSize(), header.offSize());
        return in;
    }

    private static long readOid(ArchiveInput in) throws IOException {
        long at = in.position();
        long oid = in.readInt("large object OID");
        if (oid < 0 || oid > 0xFFFFFFFFL) {
            throw in.error(at, "large object OID " + oid + " out of range", "the data block is corrupt");
        }
        return oid;
    }

    /** Skips chunks up to and including the zero length that ends a stream. */
    static void skipChunks(ArchiveInput in) throws IOException {
        for (long len = chunkLength(in); len != 0; len = chunkLength(in)) {
            in.skip(len, "data chunk"); // a constant: built per chunk, a message would cost more than the scan
        }
    }

    /** A chunk length; past the end of the file means the block ends early. */
    static long chunkLength(ArchiveInput in) throws IOException {
        long at = in.position();
        long len = in.readInt("chunk length");
        if (len < 0) {
            throw in.error(at, "negative chunk length " + len, "the data block is corrupt");
        }
        if (len > in.remaining()) {
            throw in.error(at, "chunk length " + len + " goes past the end of the file (" + in.remaining()
                    + " bytes left): the data block ends early", "the archive is truncated or corrupt");
        }
        return len;
    }
}
