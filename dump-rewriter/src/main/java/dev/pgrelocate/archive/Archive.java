package dev.pgrelocate.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pg_dump archive opened by {@link ArchiveReader}: header, TOC entries and access to each
 * entry's data. Data is looked up by dumpId, so an entry changed with {@code with…} still finds
 * its data. Keep it open while reading data or writing a copy with {@link ArchiveWriter}.
 */
public abstract sealed class Archive implements Closeable permits CustomArchive, DirectoryArchive, TarArchive {

    private final Path path;
    private final ArchiveHeader header;
    private final List<TocEntry> entries;
    private final Map<Integer, TocEntry> byId = new HashMap<>();

    Archive(Path path, ArchiveHeader header, List<TocEntry> entries) {
        this.path = path;
        this.header = header;
        this.entries = List.copyOf(entries);
        for (TocEntry e : this.entries) {
            byId.put(e.dumpId(), e);
        }
    }

    /** The file (custom, tar) or directory this archive was read from. */
    public Path path() {
        return path;
    }

    public ArchiveHeader header() {
        return header;
    }

    /** {@link DumpFormat#CUSTOM}, {@link DumpFormat#DIRECTORY} or {@link DumpFormat#TAR}. */
    public abstract DumpFormat format();

    /** The TOC entries in archive order. */
    public List<TocEntry> entries() {
        return entries;
    }

    /** The entry with this dumpId as read, or null. */
    public TocEntry entry(int dumpId) {
        return byId.get(dumpId);
    }

    /**
     * The decompressed data of a TABLE DATA (or other single-stream) entry: COPY text ending with
     * {@code \.} and blank lines, or INSERT statements. For BLOBS use {@link #openBlobs}.
     */
    public abstract InputStream openData(TocEntry entry) throws IOException;

    /** The large objects of a BLOBS entry, each with its decompressed content. */
    public abstract LargeObjectIterator openBlobs(TocEntry entry) throws IOException;

    /**
     * Copies an entry's data exactly as stored, without decompressing: for custom archives the
     * whole block (type byte, dumpId, chunk framing, payload), for directory and tar archives the
     * data file (for BLOBS: the large-object list file).
     */
    public abstract void copyRawData(TocEntry entry, OutputStream out) throws IOException;

    /** The source entry owning data for {@code entry}'s dumpId; fails if there is none. */
    TocEntry dataEntry(TocEntry entry) {
        TocEntry source = byId.get(entry.dumpId());
        if (source == null) {
            throw new IllegalArgumentException("dumpId " + entry.dumpId() + " is not in " + path);
        }
        if (!source.hadDumper()) {
            throw new IllegalArgumentException("TOC entry " + ArchiveFormatException.describe(source)
                    + " has no data in " + path);
        }
        return source;
    }

    static boolean isBlobs(TocEntry entry) {
        return "BLOBS".equals(entry.desc());
    }

    void requireBlobs(TocEntry entry, boolean blobs) {
        if (isBlobs(entry) != blobs) {
            throw new IllegalArgumentException("TOC entry " + ArchiveFormatException.describe(entry)
                    + (blobs ? " is not a BLOBS entry" : " is a BLOBS entry: use openBlobs"));
        }
    }

    @Override
    public String toString() {
        return format() + " archive " + path + " (" + header.version() + ", " + entries.size() + " entries)";
    }
}
