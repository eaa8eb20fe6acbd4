package dev.pgrelocate.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes the header and the TOC, the part every archive format shares (custom archives
 * end each entry with a data offset, directory and tar archives with a file name). Field order and
 * version gates follow pg_restore's ReadHead/ReadToc for archive versions 1.12 to 1.16.
 */
final class TocCodec {

    static final int MIN_MINOR = 12;
    static final int MAX_MINOR = 16;
    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.ISO_8859_1);
    private static final String VERSION_HINT = "pgrelocate reads archive versions 1.12 to 1.16 (pg_dump 9.0 to 18);"
            + " convert the archive to a plain script with a pg_restore at least as new as the pg_dump that wrote it:"
            + " pg_restore -f dump.sql ARCHIVE";

    private TocCodec() {
    }

    /** Header plus entries, as read. */
    record Toc(ArchiveHeader header, List<TocEntry> entries, long end) {
    }

    /**
     * Reads header and TOC from the start of {@code raw}. {@code expectedFormats} are the header
     * format bytes this container may hold; {@code length} is the input's size, or -1 if unknown.
     */
    static Toc read(InputStream raw, String file, long length, Set<Integer> expectedFormats) throws IOException {
        Capture capture = new Capture(raw);
        byte[] magic = capture.readNBytes(MAGIC.length);
        for (int i = 0; i < magic.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw ArchiveFormatException.where(file, 0, "header",
                        "bad magic: the file does not start with PGDMP, so it is not a pg_dump archive",
                        "plain SQL dumps are read as scripts; custom (-Fc), directory (-Fd) and tar (-Ft) archives"
                                + " are what this reader takes", null);
            }
        }
        if (magic.length < MAGIC.length) {
            throw ArchiveFormatException.where(file, magic.length, "header", "unexpected end of file in the magic"
                    + " string PGDMP", "the archive is truncated: was the dump or the copy interrupted?", null);
        }
        ArchiveInput in = new ArchiveInput(capture, file, length, MAGIC.length);
        ArchiveHeader header = readHeader(in, capture, expectedFormats);
        List<TocEntry> entries = readEntries(in, header);
        return new Toc(header, entries, in.position());
    }

    private static ArchiveHeader readHeader(ArchiveInput h, Capture capture, Set<Integer> expectedFormats)
            throws IOException {
        h.where("header");
        int vmaj = h.readByte("header version");
        int vmin = h.readByte("header version");
        int vrev = 0;
        if (vmaj > 1 || (vmaj == 1 && vmin > 0)) {
            vrev = h.readByte("header version");
        }
        if (vmaj != 1 || vmin < MIN_MINOR || vmin > MAX_MINOR) {
            throw h.error(MAGIC.length, "unsupported archive version " + vmaj + "." + vmin + " in file header"
                    + " (expected 1." + MIN_MINOR + " to 1." + MAX_MINOR + ")", VERSION_HINT);
        }
        long at = h.position();
        int intSize = h.readByte("header integer size");
        if (intSize < 1 || intSize > 8) {
            throw h.error(at, "unsupported integer size " + intSize + " (expected 1 to 8, 4 in practice)",
                    "the header is corrupt");
        }
        at = h.position();
        int offSize = h.readByte("header offset size");
        if (offSize < 1 || offSize > 16) {
            throw h.error(at, "unsupported offset size " + offSize + " (expected 1 to 16, 8 in practice)",
                    "the header is corrupt");
        }
        h.sizes(intSize, offSize);
        at = h.position();
        int format = h.readByte("header format");
        if (!expectedFormats.contains(format)) {
            throw h.error(at, "archive format byte " + format + " where " + expectedFormats + " was expected",
                    "custom archives carry 1, directory and tar archives' toc.dat 3; the file may be corrupt");
        }
        Compression compression;
        OptionalInt level;
        at = h.position();
        if (vmin >= 15) {
            int code = h.readByte("header compression algorithm");
            compression = Compression.ofCode(code);
            if (compression == null) {
                throw h.error(at, "unknown compression algorithm " + code + " (expected 0 none, 1 gzip, 2 lz4,"
                        + " 3 zstd)", "the header is corrupt, or a newer pg_dump wrote it");
            }
            level = OptionalInt.empty();
        } else {
            int value = h.readSmallInt("header compression level");
            if (value < -1 || value > 9) {
                throw h.error(at, "unknown compression level " + value + " (expected -1 to 9)",
                        "the header is corrupt");
            }
            compression = value == 0 ? Compression.NONE : Compression.GZIP;
            level = OptionalInt.of(value);
        }
        int[] time = new int[7];
        for (int i = 0; i < time.length; i++) {
            time[i] = h.readSmallInt("header creation time");
        }
        String dbName = h.readStr("header database name");
        String serverVersion = h.readStr("header server version");
        String dumpVersion = h.readStr("header pg_dump version");
        byte[] raw = capture.stop();
        ArchiveHeader header = new ArchiveHeader(vmaj, vmin, vrev, intSize, offSize, format, compression, level,
                time, dbName, serverVersion, dumpVersion, raw);
        return header;
    }

    private static List<TocEntry> readEntries(ArchiveInput in, ArchiveHeader header) throws IOException {
        in.where("TOC");
        long at = in.position();
        int count = in.readSmallInt("TOC entry count");
        if (count < 0) {
            throw in.error(at, "negative TOC entry count " + count, "the archive is corrupt");
        }
        boolean custom = header.format() == ArchiveHeader.FORMAT_CUSTOM;
        List<TocEntry> entries = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            String where = "TOC entry " + i + " of " + count;
            in.where(where);
            at = in.position();
            int dumpId = in.readSmallInt("dumpId");
            if (dumpId <= 0) {
                throw in.error(at, "entry ID " + dumpId + " out of range", "the TOC is corrupt");
            }
            if (!seen.add(dumpId)) {
                throw in.error(at, "duplicate entry ID " + dumpId, "the TOC is corrupt");
            }
            in.where(where + ", dumpId " + dumpId);
            TocEntry.Builder b = TocEntry.builder().dumpId(dumpId);
            b.hadDumper(in.readSmallInt("hadDumper") != 0);
            b.tableoid(in.readStr("tableoid"));
            b.oid(in.readStr("oid"));
            String tag = in.readStr("tag");
            String desc = in.readStr("desc");
            in.where(where + ", dumpId " + dumpId + " " + desc + " " + tag);
            b.tag(tag).desc(desc);
            b.section(in.readSmallInt("section"));
            b.defn(in.readStr("defn"));
            b.dropStmt(in.readStr("dropStmt"));
            b.copyStmt(in.readStr("copyStmt"));
            b.namespace(in.readStr("namespace"));
            b.tablespace(in.readStr("tablespace"));
            if (header.atLeast(1, 14)) {
                b.tableam(in.readStr("tableam"));
            }
            if (header.atLeast(1, 16)) {
                b.relkind(in.readSmallInt("relkind"));
            }
            b.owner(in.readStr("owner"));
            b.withOids(in.readStr("withOids"));
            List<String> deps = new ArrayList<>();
            for (String dep = in.readStr("dependency"); dep != null; dep = in.readStr("dependency")) {
                deps.add(dep);
            }
            b.dependencies(deps);
            if (custom) {
                b.dataOffset(in.readOffset("data offset"));
            } else {
                b.fileName(in.readStr("file name"));
            }
            entries.add(b.build());
        }
        in.where(null);
        return entries;
    }

    /** Header bytes (verbatim), entry count and entries; {@code offsets} supplies custom archives' offsets. */
    static void write(ArchiveHeader header, List<TocEntry> entries, Function<TocEntry, DataOffset> offsets,
            OutputStream sink) throws IOException {
        ArchiveOutput out = new ArchiveOutput(sink, header.intSize(), header.offSize());
        out.writeBytes(header.rawBytes());
        out.writeInt(entries.size());
        boolean custom = header.format() == ArchiveHeader.FORMAT_CUSTOM;
        for (TocEntry e : entries) {
            out.writeInt(e.dumpId());
            out.writeInt(e.hadDumper() ? 1 : 0);
            out.writeStr(e.tableoid());
            out.writeStr(e.oid());
            out.writeStr(e.tag());
            out.writeStr(e.desc());
            out.writeInt(e.section());
            out.writeStr(e.defn());
            out.writeStr(e.dropStmt());
            out.writeStr(e.copyStmt());
            out.writeStr(e.namespace());
            out.writeStr(e.tablespace());
            if (header.atLeast(1, 14)) {
                out.writeStr(e.tableam());
            } else if (e.tableam() != null) {
                throw new IllegalArgumentException("entry " + e.dumpId() + " has tableam " + e.tableam()
                        + " but archive version " + header.version() + " has no such field (1.14+)");
            }
            if (header.atLeast(1, 16)) {
                out.writeInt(e.relkind());
            } else if (e.relkind() != 0) {
                throw new IllegalArgumentException("entry " + e.dumpId() + " has relkind " + e.relkind()
                        + " but archive version " + header.version() + " has no such field (1.16+)");
            }
            out.writeStr(e.owner());
            out.writeStr(e.withOids());
            for (String dep : e.dependencies()) {
                out.writeStr(dep);
            }
            out.writeStr(null);
            if (custom) {
                out.writeOffset(offsets.apply(e));
            } else {
                out.writeStr(e.fileName() == null ? "" : e.fileName());
            }
        }
    }

    /** The TOC serialised into memory (header included); its length does not depend on offset values. */
    static byte[] toBytes(ArchiveHeader header, List<TocEntry> entries, Function<TocEntry, DataOffset> offsets)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(header, entries, offsets, out);
        return out.toByteArray();
    }

    /** Records the bytes read through it until {@link #stop()}, so the header can be kept verbatim. */
    private static final class Capture extends FilterInputStream {
        private ByteArrayOutputStream recorded = new ByteArrayOutputStream();

        Capture(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && recorded != null) {
                recorded.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && recorded != null) {
                recorded.write(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Through read(), so skipped bytes are recorded too.
            long done = 0;
            while (done < n && read() >= 0) {
                done++;
            }
            return done;
        }

        byte[] stop() {
            byte[] bytes = recorded.toByteArray();
            recorded = null;
            return bytes;
        }
    }
}
