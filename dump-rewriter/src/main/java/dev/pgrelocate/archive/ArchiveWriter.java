package dev.pgrelocate.archive;

import dev.pgrelocate.write.AtomicFileOutput;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a (possibly changed) TOC back as an archive of the same format and version as its source,
 * with every data block or data file copied byte for byte (never recompressed). The header bytes are
 * the source's. Output is atomic: it appears complete or not at all, and the source is not touched.
 *
 * <ul>
 * <li>Custom: header, TOC with data offsets set (flag 2) for every data entry, then the blocks in
 *     source order. Block sizes are measured first (payloads skipped), so the offsets are known
 *     before anything is written (no seeking back): the format notes' algorithm B.</li>
 * <li>Directory: a new toc.dat plus copies of the data files (same names).</li>
 * <li>Tar: the source's members in the same order, toc.dat replaced.</li>
 * </ul>
 *
 * <p>An entry with {@code hadDumper} must have data in the source under the same dumpId. Entries
 * without data (new ones included) get "no data" (custom) or an empty file name. Data of source
 * entries left out of the new list (or whose {@code hadDumper} was cleared) is not copied.
 */
public final class ArchiveWriter {

    private ArchiveWriter() {
    }

    /** Writes the source's own entries: an identical archive (offsets set if they were not). */
    public static void write(Archive source, Path target) throws IOException {
        write(source, source.entries(), target);
    }

    public static void write(Archive source, List<TocEntry> entries, Path target) throws IOException {
        write(source, entries, target, true);
    }

    /** @param sync false skips waiting for the output to reach the disk (like pg_dump --no-sync) */
    public static void write(Archive source, List<TocEntry> entries, Path target, boolean sync) throws IOException {
        check(source, entries);
        if (source instanceof CustomArchive custom) {
            writeCustom(custom, entries, target, sync);
        } else if (source instanceof DirectoryArchive directory) {
            writeDirectory(directory, entries, target, sync);
        } else if (source instanceof TarArchive tar) {
            writeTar(tar, entries, target, sync);
        } else {
            throw new IllegalArgumentException("unknown archive " + source);
        }
    }

    /** Unique dumpIds, and data only where the source has data for that dumpId. */
    private static void check(Archive source, List<TocEntry> entries) {
        Set<Integer> ids = new HashSet<>();
        for (TocEntry e : entries) {
            if (!ids.add(e.dumpId())) {
                throw new IllegalArgumentException("dumpId " + e.dumpId() + " appears twice in the new TOC");
            }
            if (e.hadDumper()) {
                TocEntry original = source.entry(e.dumpId());
                if (original == null || !original.hadDumper()) {
                    throw new IllegalArgumentException("TOC entry " + ArchiveFormatException.describe(e)
                            + " is marked as having data, but " + source.path() + " has no data for dumpId "
                            + e.dumpId());
                }
                if (Archive.isBlobs(original) != Archive.isBlobs(e)) {
                    throw new IllegalArgumentException("TOC entry " + ArchiveFormatException.describe(e)
                            + " changes desc to or from BLOBS, whose data has another layout");
                }
            }
        }
    }

    // --- custom ----------------------------------------------------------------------------------

    private static void writeCustom(CustomArchive source, List<TocEntry> entries, Path target, boolean sync)
            throws IOException {
        Map<Integer, DataBlock> firstBlock = new LinkedHashMap<>();
        for (DataBlock block : source.blocks()) {
            firstBlock.putIfAbsent(block.dumpId(), block);
        }
        Set<Integer> wanted = new HashSet<>();
        for (TocEntry e : entries) {
            if (e.hadDumper()) {
                wanted.add(e.dumpId());
                if (!firstBlock.containsKey(e.dumpId())) {
                    throw ArchiveFormatException.of(source.path().toString(), source.dataStart(),
                            source.entry(e.dumpId()), "could not find block ID " + e.dumpId()
                                    + " in the data section", "the source archive is truncated or corrupt");
                }
            }
        }
        List<DataBlock> kept = new ArrayList<>();
        for (DataBlock block : firstBlock.values()) {
            if (wanted.contains(block.dumpId())) {
                kept.add(block);
            }
        }
        ArchiveHeader header = source.header();
        // Offsets have a fixed width, so the TOC's length is known before the positions are.
        int tocLength = TocCodec.toBytes(header, entries, e -> e.hadDumper() ? DataOffset.set(0) : noData(e)).length;
        Map<Integer, Long> positions = new HashMap<>();
        long position = tocLength;
        for (DataBlock block : kept) {
            positions.put(block.dumpId(), position);
            position += block.length();
        }
        byte[] toc = TocCodec.toBytes(header, entries,
                e -> e.hadDumper() ? DataOffset.set(positions.get(e.dumpId())) : noData(e));
        if (toc.length != tocLength) {
            throw new IllegalStateException("TOC length changed with its offsets: " + tocLength + " -> " + toc.length);
        }
        try (AtomicFileOutput out = new AtomicFileOutput(target, sync)) {
            out.stream().write(toc);
            source.transferBlocks(kept, out);
            out.commit();
        }
    }

    /** Keeps a no-data offset as read (its position bytes too); new entries get flag 3, position 0. */
    private static DataOffset noData(TocEntry e) {
        DataOffset offset = e.dataOffset();
        return offset != null && offset.flag() == DataOffset.NO_DATA ? offset : DataOffset.noData();
    }

    // --- directory -------------------------------------------------------------------------------

    private static void writeDirectory(DirectoryArchive source, List<TocEntry> entries, Path target, boolean sync)
            throws IOException {
        // Resolve every data file first: a missing one fails before anything is created.
        Map<String, Path> files = new LinkedHashMap<>();
        for (TocEntry e : entries) {
            if (e.hadDumper()) {
                for (Path file : source.dataFiles(e)) {
                    files.putIfAbsent(file.getFileName().toString(), file);
                }
            }
        }
        try (AtomicDirectory out = new AtomicDirectory(target, sync)) {
            try (OutputStream toc = out.create("toc.dat")) {
                TocCodec.write(source.header(), entries, e -> null, toc);
            }
            for (Map.Entry<String, Path> file : files.entrySet()) {
                out.copy(file.getValue(), file.getKey());
            }
            out.commit();
        }
    }

    // --- tar -------------------------------------------------------------------------------------

    private static void writeTar(TarArchive source, List<TocEntry> entries, Path target, boolean sync) throws IOException {
        Set<Integer> keptData = new HashSet<>();
        for (TocEntry e : entries) {
            if (e.hadDumper()) {
                keptData.add(e.dumpId());
                source.dataMemberNames(e); // fails now if a member is missing
            }
        }
        Set<String> dropped = new HashSet<>();
        for (TocEntry e : source.entries()) {
            if (e.hadDumper() && !keptData.contains(e.dumpId())) {
                try {
                    dropped.addAll(source.dataMemberNames(e));
                } catch (ArchiveFormatException missing) {
                    // nothing to drop
                }
            }
        }
        byte[] toc = TocCodec.toBytes(source.header(), entries, e -> null);
        try (AtomicFileOutput out = new AtomicFileOutput(target, sync)) {
            // 512-byte records: no padding to 10 KiB, like pg_dump's own tar writer.
            TarArchiveOutputStream tar = new TarArchiveOutputStream(new KeepOpen(out.stream()), 512);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
            for (TarArchiveEntry member : source.members()) {
                String name = member.getName();
                if (dropped.contains(name)) {
                    continue;
                }
                boolean isToc = name.equals(TarArchive.TOC_MEMBER);
                tar.putArchiveEntry(copyHeader(member, isToc ? toc.length : member.getSize()));
                if (isToc) {
                    tar.write(toc);
                } else {
                    source.copyMember(member, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
            tar.flush();
            out.commit();
        }
    }

    /** A member header like the source's (mode, owner, names, time), with the given size. */
    private static TarArchiveEntry copyHeader(TarArchiveEntry member, long size) {
        TarArchiveEntry copy = new TarArchiveEntry(member.getName(), member.getLinkFlag(), true);
        copy.setMode(member.getMode());
        copy.setUserId(member.getLongUserId());
        copy.setGroupId(member.getLongGroupId());
        copy.setUserName(member.getUserName());
        copy.setGroupName(member.getGroupName());
        copy.setModTime(member.getLastModifiedTime());
        copy.setSize(size);
        return copy;
    }

    /** The atomic output commits and closes its own stream; the tar stream must not close it first. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
