package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A custom-format archive (pg_dump -Fc): header, TOC, then one data block per data entry. Blocks
 * are found through the TOC's data offsets when set, else by scanning the data section forward.
 */
final class CustomArchive extends Archive {
    private static final int TOC_BUFFER = 64 * 1024;
    private static final int DATA_BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long dataStart;
    private final BlockScanner scanner;
    /** Filled by the first full scan. */
    private List<DataBlock> blocks;
    private Map<Integer, DataBlock> blockById;

    private CustomArchive(Path path, FileChannel channel, TocCodec.Toc toc) {
        super(path, toc.header(), toc.entries());
        this.channel = channel;
        this.dataStart = toc.end();
        this.scanner = new BlockScanner(channel, path.toString(), toc.header(), this::entry);
    }

    static CustomArchive open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            TocCodec.Toc toc = TocCodec.read(new ChannelStream(channel, 0, TOC_BUFFER), path.toString(),
                    channel.size(), Set.of(ArchiveHeader.FORMAT_CUSTOM));
            return new CustomArchive(path, channel, toc);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.CUSTOM;
    }

    /** Where the data section starts: right after the TOC. */
    long dataStart() {
        return dataStart;
    }

    /**
     * Every block of the data section in file order, scanned once with payloads skipped: every chunk
     * length is checked, so a damaged or truncated block is reported before anything is written.
     */
    synchronized List<DataBlock> blocks() throws IOException {
        if (blocks == null) {
            List<DataBlock> scanned = scanner.scanAll(dataStart);
            Map<Integer, DataBlock> byId = new HashMap<>();
            for (DataBlock b : scanned) {
                byId.putIfAbsent(b.dumpId(), b);
            }
            blocks = scanned;
            blockById = byId;
        }
        return blocks;
    }

    /** The block of a data entry: at its offset when set (checked), else found by scanning. */
    DataBlock block(TocEntry entry) throws IOException {
        TocEntry source = dataEntry(entry);
        DataOffset offset = source.dataOffset();
        if (offset.isSet()) {
            return scanner.scanOne(offset.position(), source.dumpId());
        }
        blocks();
        DataBlock block = blockById.get(source.dumpId());
        if (block == null) {
            throw ArchiveFormatException.of(path().toString(), dataStart, source, "could not find block ID "
                    + source.dumpId() + " in the data section", "the archive is truncated or corrupt");
        }
        return block;
    }

    @Override
    public InputStream openData(TocEntry entry) throws IOException {
        requireBlobs(entry, false);
        TocEntry source = dataEntry(entry);
        long start = blockStart(source);
        return decoded(new ChunkedStream(blockBody(start, source)), start, source);
    }

    @Override
    public LargeObjectIterator openBlobs(TocEntry entry) throws IOException {
        requireBlobs(entry, true);
        TocEntry source = dataEntry(entry);
        long start = blockStart(source);
        return new Blobs(blockBody(start, source), start, source);
    }

    @Override
    public void copyRawData(TocEntry entry, OutputStream out) throws IOException {
        copyBlock(block(entry), out);
    }

    /**
     * Copies blocks verbatim into an output file, by the kernel. Blocks that follow each other in
     * this file go in one call, so an archive whose blocks are all kept is copied in one go.
     */
    void transferBlocks(List<DataBlock> blocks, dev.pgrelocate.write.AtomicFileOutput out) throws IOException {
        int first = 0;
        while (first < blocks.size()) {
            int last = first;
            while (last + 1 < blocks.size() && blocks.get(last + 1).start() == blocks.get(last).end()) {
                last++;
            }
            long start = blocks.get(first).start();
            long length = blocks.get(last).end() - start;
            long copied = out.transferFrom(channel, start, length);
            if (copied != length) {
                DataBlock shortBlock = blocks.get(first);
                for (int i = first; i <= last && blocks.get(i).start() <= start + copied; i++) {
                    shortBlock = blocks.get(i);
                }
                throw ArchiveFormatException.of(path().toString(), start + copied, entry(shortBlock.dumpId()),
                        "unexpected end of file in a data block", "the archive is truncated");
            }
            first = last + 1;
        }
    }

    /** Copies a block's bytes verbatim. */
    void copyBlock(DataBlock block, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(DATA_BUFFER);
        long position = block.start();
        while (position < block.end()) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), block.end() - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw ArchiveFormatException.of(path().toString(), position, entry(block.dumpId()),
                        "unexpected end of file in a data block", "the archive is truncated");
            }
            out.write(buffer.array(), 0, n);
            position += n;
        }
    }

    /** An input positioned after the block's type byte and dumpId. */
    /**
     * Where the block of a data entry starts: its data offset when set (the header there is checked
     * when the body is read), else found by the scan. Readers need no more: the chunks end the
     * stream, so the block is not walked twice.
     */
    private long blockStart(TocEntry source) throws IOException {
        DataOffset offset = source.dataOffset();
        return offset.isSet() ? offset.position() : block(source).start();
    }

    /** Positioned after the block's header, which must name {@code source}'s dumpId. */
    private ArchiveInput blockBody(long start, TocEntry source) throws IOException {
        ArchiveInput in = scanner.input(start);
        in.where("TOC entry " + ArchiveFormatException.describe(source));
        in.readByte("block type");
        long idAt = in.position();
        int id = in.readSmallInt("block dumpId");
        if (id != source.dumpId()) {
            throw in.error(idAt, "found unexpected block ID " + id + " when reading data, expected " + source.dumpId(),
                    "the TOC's data offset does not point at this entry's block: the archive was changed without"
                            + " recomputing offsets, or is corrupt");
        }
        return in;
    }

    private InputStream decoded(ChunkedStream chunks, long start, TocEntry source) throws IOException {
        Compression compression = header().compression();
        return Decompression.reportingErrors(
                Decompression.open(chunks, compression, Decompression.Container.ZLIB_STREAM),
                path().toString(), start, source, compression);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Walks a BLK_BLOBS body: (oid, chunks, 0)* then oid 0. */
    private final class Blobs implements LargeObjectIterator {
        private final ArchiveInput in;
        private final long start;
        private final TocEntry entry;
        private ChunkedStream current;
        private long nextOid = -1;
        private boolean end;

        Blobs(ArchiveInput in, long start, TocEntry entry) {
            this.in = in;
            this.start = start;
            this.entry = entry;
        }

        @Override
        public boolean hasNext() {
            try {
                if (current != null) {
                    current.drain();
                    current = null;
                }
                if (nextOid < 0 && !end) {
                    long oid = in.readInt("large object OID");
                    if (oid == 0) {
                        end = true;
                    } else {
                        nextOid = oid;
                    }
                }
                return !end;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public LargeObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long oid = nextOid;
            nextOid = -1;
            current = new ChunkedStream(in);
            try {
                return new LargeObject(oid, decoded(current, start, entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            end = true;
        }
    }
}
