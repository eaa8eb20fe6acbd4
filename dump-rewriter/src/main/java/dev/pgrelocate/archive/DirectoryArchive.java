package dev.pgrelocate.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A directory-format archive (pg_dump -Fd): toc.dat (the header and TOC, format byte 3) plus one
 * file per data entry, named in the TOC without its compression suffix; like pg_restore, the
 * reader probes for the plain name, then {@code .gz}, {@code .lz4}, {@code .zst}.
 */
final class DirectoryArchive extends Archive {
    static final String[] SUFFIXES = {"", ".gz", ".lz4", ".zst"};

    private final Path tocFile;

    private DirectoryArchive(Path dir, Path tocFile, TocCodec.Toc toc) {
        super(dir, toc.header(), toc.entries());
        this.tocFile = tocFile;
    }

    static DirectoryArchive open(Path dir) throws IOException {
        for (String name : DumpFormat.TOC_NAMES) {
            Path toc = dir.resolve(name);
            if (Files.isRegularFile(toc)) {
                Compression compression = Decompression.ofFileName(name);
                try (InputStream in = Decompression.open(new BufferedInputStream(Files.newInputStream(toc)),
                        compression, Decompression.Container.FILE)) {
                    long length = compression == Compression.NONE ? Files.size(toc) : -1;
                    TocCodec.Toc read = TocCodec.read(in, toc.toString(), length,
                            Set.of(ArchiveHeader.FORMAT_TAR, ArchiveHeader.FORMAT_DIRECTORY));
                    return new DirectoryArchive(dir, toc, read);
                }
            }
        }
        throw ArchiveFormatException.of(dir.resolve("toc.dat").toString(), ArchiveFormatException.NO_OFFSET, null,
                "missing toc.dat", "pass the directory pg_dump -Fd wrote");
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.DIRECTORY;
    }

    /** The toc.dat (or toc.dat.gz, …) that was read. */
    Path tocFile() {
        return tocFile;
    }

    /** The existing file for a TOC file name, probing the compression suffixes. */
    Path probe(String name, TocEntry entry) {
        SafeNames.check(name, path().toString(), entry);
        for (String suffix : SUFFIXES) {
            Path p = path().resolve(name + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw ArchiveFormatException.of(path().resolve(name).toString(), ArchiveFormatException.NO_OFFSET, entry,
                "missing data file " + name + " (also looked for .gz, .lz4 and .zst)",
                "the directory archive is incomplete: copy the whole directory pg_dump wrote");
    }

    /** The data file of a data entry (for BLOBS: its large-object list). */
    Path dataFile(TocEntry entry) {
        TocEntry source = dataEntry(entry);
        return probe(source.fileName(), source);
    }

    /** Every file a data entry owns: its data file, and for BLOBS the list plus each LO's file. */
    List<Path> dataFiles(TocEntry entry) throws IOException {
        List<Path> files = new ArrayList<>();
        Path main = dataFile(entry);
        files.add(main);
        if (isBlobs(entry)) {
            for (BlobList.Item item : blobList(main, dataEntry(entry))) {
                files.add(probe(item.fileName(), dataEntry(entry)));
            }
        }
        return files;
    }

    private List<BlobList.Item> blobList(Path listFile, TocEntry entry) throws IOException {
        try (InputStream in = open(listFile, entry)) {
            return BlobList.parse(in.readAllBytes(), listFile.toString(), entry);
        }
    }

    /** A data file's content, decompressed according to its suffix. */
    private InputStream open(Path file, TocEntry entry) throws IOException {
        Compression compression = Decompression.ofFileName(file.getFileName().toString());
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        try {
            return Decompression.reportingErrors(Decompression.open(raw, compression, Decompression.Container.FILE),
                    file.toString(), ArchiveFormatException.NO_OFFSET, entry, compression);
        } catch (IOException e) {
            raw.close();
            throw ArchiveFormatException.of(file.toString(), 0, entry, "cannot decompress the " + compression
                    + " data: " + e.getMessage(), "the data file is corrupt or truncated", e);
        }
    }

    @Override
    public InputStream openData(TocEntry entry) throws IOException {
        requireBlobs(entry, false);
        return open(dataFile(entry), dataEntry(entry));
    }

    @Override
    public LargeObjectIterator openBlobs(TocEntry entry) throws IOException {
        requireBlobs(entry, true);
        TocEntry source = dataEntry(entry);
        return new BlobFileIterator(blobList(dataFile(entry), source).iterator(),
                item -> open(probe(item.fileName(), source), source));
    }

    @Override
    public void copyRawData(TocEntry entry, OutputStream out) throws IOException {
        Files.copy(dataFile(entry), out);
    }

    @Override
    public void close() {
        // Files are opened per read; nothing stays open.
    }
}
