package dev.pgrelocate.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A tar-format archive (pg_dump -Ft): a ustar file whose members are toc.dat, the data files in TOC
 * order, the large-object files with their list, and restore.sql (for humans; ignored here).
 */
final class TarArchive extends Archive {
    static final String TOC_MEMBER = "toc.dat";

    private final TarFile tar;
    /** Members in archive order, by name (the first of duplicate names wins, as for pg_restore's scan). */
    private final Map<String, TarArchiveEntry> members;

    private TarArchive(Path path, TarFile tar, Map<String, TarArchiveEntry> members, TocCodec.Toc toc) {
        super(path, toc.header(), toc.entries());
        this.tar = tar;
        this.members = members;
    }

    static TarArchive open(Path path) throws IOException {
        TarFile tar;
        try {
            tar = new TarFile(path);
        } catch (IOException | RuntimeException e) {
            throw ArchiveFormatException.of(path.toString(), ArchiveFormatException.NO_OFFSET, null,
                    "not a readable tar archive: " + e.getMessage(), "the archive is truncated or corrupt", e);
        }
        try {
            Map<String, TarArchiveEntry> members = new LinkedHashMap<>();
            for (TarArchiveEntry member : tar.getEntries()) {
                members.putIfAbsent(member.getName(), member);
            }
            TarArchiveEntry toc = members.get(TOC_MEMBER);
            if (toc == null) {
                throw ArchiveFormatException.of(path.toString(), ArchiveFormatException.NO_OFFSET, null,
                        "no toc.dat member", "a pg_dump -Ft archive starts with toc.dat; this tar file is something"
                                + " else");
            }
            try (InputStream in = new BufferedInputStream(tar.getInputStream(toc))) {
                TocCodec.Toc read = TocCodec.read(in, label(path, TOC_MEMBER), toc.getSize(),
                        Set.of(ArchiveHeader.FORMAT_TAR));
                return new TarArchive(path, tar, members, read);
            }
        } catch (IOException | RuntimeException e) {
            tar.close();
            throw e;
        }
    }

    static String label(Path path, String member) {
        return path + "[" + member + "]";
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.TAR;
    }

    /** Every member in archive order. */
    List<TarArchiveEntry> members() {
        return tar.getEntries();
    }

    /** Raw content of a member. */
    InputStream memberContent(TarArchiveEntry member) throws IOException {
        return tar.getInputStream(member);
    }

    /** The member for a TOC file name, probing compression suffixes like the directory format. */
    TarArchiveEntry member(String name, TocEntry entry) {
        SafeNames.check(name, path().toString(), entry);
        for (String suffix : DirectoryArchive.SUFFIXES) {
            TarArchiveEntry member = members.get(name + suffix);
            if (member != null) {
                return member;
            }
        }
        throw ArchiveFormatException.of(label(path(), name), ArchiveFormatException.NO_OFFSET, entry,
                "missing tar member " + name, "the tar archive is incomplete or truncated");
    }

    /** The member holding a data entry's data; for BLOBS the large-object list. */
    TarArchiveEntry dataMember(TocEntry entry) {
        TocEntry source = dataEntry(entry);
        if (isBlobs(source)) {
            // pg_dump names the list member itself: blobs.toc, from 1.16 one per BLOBS entry.
            return member(header().atLeast(1, 16) ? "blobs_" + source.dumpId() + ".toc" : "blobs.toc", source);
        }
        return member(source.fileName(), source);
    }

    /** Names of every member a data entry owns (data file, or LO list plus LO files). */
    List<String> dataMemberNames(TocEntry entry) throws IOException {
        List<String> names = new ArrayList<>();
        TarArchiveEntry main = dataMember(entry);
        names.add(main.getName());
        if (isBlobs(entry)) {
            for (BlobList.Item item : blobList(main, dataEntry(entry))) {
                names.add(member(item.fileName(), dataEntry(entry)).getName());
            }
        }
        return names;
    }

    private List<BlobList.Item> blobList(TarArchiveEntry list, TocEntry entry) throws IOException {
        try (InputStream in = open(list, entry)) {
            return BlobList.parse(in.readAllBytes(), label(path(), list.getName()), entry);
        }
    }

    private InputStream open(TarArchiveEntry member, TocEntry entry) throws IOException {
        Compression compression = Decompression.ofFileName(member.getName());
        InputStream raw = new BufferedInputStream(tar.getInputStream(member), 64 * 1024);
        String label = label(path(), member.getName());
        try {
            return Decompression.reportingErrors(Decompression.open(raw, compression, Decompression.Container.FILE),
                    label, ArchiveFormatException.NO_OFFSET, entry, compression);
        } catch (IOException e) {
            raw.close();
            throw ArchiveFormatException.of(label, 0, entry, "cannot decompress the " + compression + " data: "
                    + e.getMessage(), "the member is corrupt or truncated", e);
        }
    }

    @Override
    public InputStream openData(TocEntry entry) throws IOException {
        requireBlobs(entry, false);
        return open(dataMember(entry), dataEntry(entry));
    }

    @Override
    public LargeObjectIterator openBlobs(TocEntry entry) throws IOException {
        requireBlobs(entry, true);
        TocEntry source = dataEntry(entry);
        return new BlobFileIterator(blobList(dataMember(entry), source).iterator(),
                item -> open(member(item.fileName(), source), source));
    }

    @Override
    public void copyRawData(TocEntry entry, OutputStream out) throws IOException {
        copyMember(dataMember(entry), out);
    }

    /** Copies a member's bytes, failing if the tar file holds fewer than its header promises. */
    void copyMember(TarArchiveEntry member, OutputStream out) throws IOException {
        long copied;
        try (InputStream in = tar.getInputStream(member)) {
            copied = in.transferTo(out);
        }
        if (copied != member.getSize()) {
            throw ArchiveFormatException.of(label(path(), member.getName()), copied, null, "tar member ends after "
                    + copied + " of " + member.getSize() + " bytes", "the tar archive is truncated");
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
