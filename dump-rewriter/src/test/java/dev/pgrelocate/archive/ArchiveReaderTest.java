package dev.pgrelocate.archive;

import static dev.pgrelocate.archive.ArchiveFixtures.find;
import static dev.pgrelocate.archive.ArchiveFixtures.latin1;
import static dev.pgrelocate.archive.ArchiveFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads real pg_dump 15.18 and 18.3 archives and compares them with pg_restore's view of them. */
class ArchiveReaderTest {

    /** Entries pg_restore -l never lists (without -C). */
    private static final Set<String> UNLISTED = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH", "DATABASE",
            "DATABASE PROPERTIES");

    @TempDir
    Path work;

    static List<Path> allArchives() {
        List<Path> paths = new ArrayList<>();
        ArchiveFixtures.SHARED.forEach(n -> paths.add(ArchiveFixtures.shared(n)));
        ArchiveFixtures.OWN.forEach(n -> paths.add(ArchiveFixtures.own(n)));
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allArchives")
    void entriesMatchPgRestoreList(Path path) throws IOException {
        Path listFile = path.resolveSibling(path.getFileName() + ".list.txt");
        List<String> lines = Files.readAllLines(listFile, StandardCharsets.ISO_8859_1);
        Map<String, String> listHeader = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(";")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    listHeader.put(line.substring(1, colon).trim(), line.substring(colon + 1).trim());
                }
            } else if (!line.isBlank()) {
                listed.add(line);
            }
        }
        try (Archive archive = ArchiveReader.open(path)) {
            ArchiveHeader h = archive.header();
            assertEquals(listHeader.get("dbname"), h.dbName());
            assertEquals(listHeader.get("TOC Entries"), Integer.toString(archive.entries().size()));
            assertEquals(listHeader.get("Dump Version"), h.version() + "-" + h.versionRevision());
            assertEquals(listHeader.get("Format"), archive.format().toString());
            assertEquals(listHeader.get("Integer"), h.intSize() + " bytes");
            assertEquals(listHeader.get("Offset"), h.offSize() + " bytes");
            assertEquals(listHeader.get("Dumped from database version"), h.serverVersion());
            assertEquals(listHeader.get("Dumped by pg_dump version"), h.dumpVersion());
            String compression = h.compressionLevel().isPresent() ? Integer.toString(h.compressionLevel().getAsInt())
                    : h.compression().toString().toLowerCase(java.util.Locale.ROOT);
            assertEquals(listHeader.get("Compression"), compression);

            List<String> expected = new ArrayList<>();
            for (TocEntry e : archive.entries()) {
                if (UNLISTED.contains(e.desc())) {
                    continue;
                }
                expected.add(e.dumpId() + "; " + e.tableoid() + " " + e.oid() + " " + e.desc() + " "
                        + (e.namespace() == null || e.namespace().isEmpty() ? "-" : e.namespace()) + " "
                        + e.tag().replace('\n', ' ') + " " + (e.owner() == null ? "" : e.owner()));
            }
            assertEquals(listed, expected);
            assertTrue(listed.size() > 20, "a real listing: " + listed.size());
        }
    }

    @Test
    void headerAndEntryFieldsOfA114CustomArchive() throws IOException {
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared("pg15_v1.14_gzip.dump"))) {
            ArchiveHeader h = archive.header();
            assertEquals(DumpFormat.CUSTOM, archive.format());
            assertEquals("1.14", h.version());
            assertEquals(Compression.GZIP, h.compression());
            assertEquals(OptionalInt.of(-1), h.compressionLevel());
            assertEquals(List.of(41, 22, 23, 21, 10, 126, 0), h.creationTime());
            assertEquals(ArchiveHeader.FORMAT_CUSTOM, h.format());
            byte[] file = Files.readAllBytes(archive.path());
            assertArrayEquals(java.util.Arrays.copyOf(file, h.length()), h.rawBytes());

            // The annotated entry of the format notes, field by field.
            TocEntry log = find(archive, "TABLE DATA", "app", "log");
            assertEquals(5118, log.dumpId());
            assertTrue(log.hadDumper());
            assertEquals("0", log.tableoid());
            assertEquals("26170", log.oid());
            assertEquals(TocEntry.SECTION_DATA, log.section());
            assertNull(log.defn());
            assertNull(log.dropStmt());
            assertEquals("COPY app.log (id, h, note) FROM stdin;\n", log.copyStmt());
            assertNull(log.tablespace());
            assertNull(log.tableam());
            assertEquals(0, log.relkind());
            assertEquals("postgres", log.owner());
            assertEquals("false", log.withOids());
            assertEquals(List.of("236"), log.dependencies());
            assertEquals(DataOffset.set(33526), log.dataOffset());
            assertNull(log.fileName());

            // NULL and "" are different and both kept.
            TocEntry citext = find(archive, "EXTENSION", null, "citext");
            assertNull(citext.owner());
            TocEntry comment = find(archive, "COMMENT", null, "EXTENSION citext");
            assertEquals("", comment.owner());
            TocEntry table = archive.entries().stream().filter(e -> e.desc().equals("TABLE")).findFirst().orElseThrow();
            assertEquals("", table.tablespace());
            assertEquals("heap", table.tableam());
            assertEquals(DataOffset.noData(), table.dataOffset());
        }
    }

    @Test
    void relkindAndBlobMetadataOfA116Archive() throws IOException {
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared("pg18_v1.16_zstd.dump"))) {
            assertEquals("1.16", archive.header().version());
            assertEquals(Compression.ZSTD, archive.header().compression());
            assertTrue(archive.header().compressionLevel().isEmpty());
            TocEntry table = find(archive, "TABLE", "app", "users");
            assertEquals('r', table.relkind());
            assertEquals("heap", table.tableam());
            TocEntry meta = find(archive, "BLOB METADATA", null, "26196..26197");
            assertFalse(meta.hadDumper());
            assertEquals("26196\n26197\n", meta.defn());
            TocEntry blobs = find(archive, "BLOBS", null, "26196..26197");
            assertTrue(blobs.hadDumper());
            assertTrue(blobs.dependencies().contains(Integer.toString(meta.dumpId())));
        }
    }

    /** The same table decompressed from every compression and container is the same COPY text. */
    @Test
    void tableDataIsTheSameInEveryCompressionAndFormat() throws IOException {
        Map<String, Map<String, byte[]>> byArchive = new LinkedHashMap<>();
        for (String name : ArchiveFixtures.SHARED) {
            try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared(name))) {
                Map<String, byte[]> tables = new LinkedHashMap<>();
                for (TocEntry e : archive.entries()) {
                    if (e.desc().equals("TABLE DATA")) {
                        tables.put(e.namespace() + "." + e.tag(), readAll(archive.openData(e)));
                    }
                }
                byArchive.put(name, tables);
            }
        }
        Map<String, byte[]> reference = byArchive.get("pg18_v1.16_none.dump");
        assertEquals(Set.of("app.log", "app.users", "public.plain_t", "public.spatial_ref_sys"), reference.keySet());
        assertTrue(reference.get("public.plain_t").length > 300_000, "plain_t spans many chunks");
        byArchive.forEach((name, tables) -> {
            assertEquals(reference.keySet(), tables.keySet(), name);
            tables.forEach((table, data) -> assertArrayEquals(reference.get(table), data, name + " " + table));
        });
    }

    /** Decompressed COPY data equals the rows pg_dump -Fp printed for the same database. */
    @Test
    void tableDataEqualsThePlainDumpsCopyBlocks() throws IOException {
        String plain = Files.readString(ArchiveFixtures.shared("pg15_plain.sql"), StandardCharsets.ISO_8859_1);
        for (String name : List.of("pg15_v1.14_gzip.dump", "pg18_v1.16_lz4.dump", "pg15_v1.14.tar")) {
            try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared(name))) {
                int tables = 0;
                for (TocEntry e : archive.entries()) {
                    if (!e.desc().equals("TABLE DATA")) {
                        continue;
                    }
                    String data = latin1(readAll(archive.openData(e)));
                    int start = plain.indexOf("\n" + e.copyStmt());
                    assertTrue(start >= 0, "plain dump has " + e.copyStmt());
                    start += 1 + e.copyStmt().length();
                    int end = plain.indexOf("\n\\.\n", start - 1) + "\n\\.\n".length();
                    assertEquals(plain.substring(start, end) + "\n\n", data, name + " " + e.tag());
                    tables++;
                }
                assertEquals(4, tables);
            }
        }
    }

    @Test
    void largeObjectsOfEveryFormat() throws IOException {
        for (String name : ArchiveFixtures.SHARED) {
            try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared(name))) {
                Map<Long, String> objects = new LinkedHashMap<>();
                for (TocEntry e : archive.entries()) {
                    if (e.desc().equals("BLOBS")) {
                        try (LargeObjectIterator it = archive.openBlobs(e)) {
                            while (it.hasNext()) {
                                LargeObject lo = it.next();
                                objects.put(lo.oid(), latin1(lo.content().readAllBytes()));
                            }
                        }
                    }
                }
                assertEquals(Map.of(26196L, "hello large object", 26197L, "second"), objects, name);
            }
        }
    }

    @Test
    void rawDataIsTheStoredBlock() throws IOException {
        Path path = ArchiveFixtures.shared("pg15_v1.14_gzip.dump");
        byte[] file = Files.readAllBytes(path);
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry log = find(archive, "TABLE DATA", "app", "log");
            var out = new java.io.ByteArrayOutputStream();
            archive.copyRawData(log, out);
            byte[] raw = out.toByteArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(file, 33526, 33526 + raw.length), raw);
            assertEquals(1, raw[0], "BLK_DATA type byte");
            assertEquals(0x78, raw[11] & 0xFF, "zlib stream after type, dumpId and first chunk length");
        }
    }

    @Test
    void detectsEveryFormat(@TempDir Path dir) throws IOException {
        assertEquals(DumpFormat.CUSTOM, DumpFormat.detect(ArchiveFixtures.shared("pg15_v1.14_none.dump")));
        assertEquals(DumpFormat.DIRECTORY, DumpFormat.detect(ArchiveFixtures.shared("pg15_v1.14_dir")));
        assertEquals(DumpFormat.TAR, DumpFormat.detect(ArchiveFixtures.shared("pg15_v1.14.tar")));
        assertEquals(DumpFormat.PLAIN, DumpFormat.detect(ArchiveFixtures.shared("pg15_plain.sql")));
        Path gz = dir.resolve("dump.sql.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("SELECT 1;\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(DumpFormat.GZIP_PLAIN, DumpFormat.detect(gz));
        Path zst = Files.write(dir.resolve("dump.sql.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});
        assertEquals(DumpFormat.ZSTD_PLAIN, DumpFormat.detect(zst));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ArchiveFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ArchiveFormatException.class,
                () -> DumpFormat.detect(empty));
        assertEquals(3, e.exitCode());
        Path gzToc = Files.createDirectory(dir.resolve("gztoc"));
        Files.write(gzToc.resolve("toc.dat.gz"), new byte[] {1});
        assertEquals(DumpFormat.DIRECTORY, DumpFormat.detect(gzToc));
    }

    @Test
    void withMethodsChangeOneField() throws IOException {
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared("pg15_v1.14_gzip.dump"))) {
            TocEntry log = find(archive, "TABLE DATA", "app", "log");
            TocEntry moved = log.withNamespace("other").withCopyStmt("COPY other.log (id, h, note) FROM stdin;\n");
            assertEquals("other", moved.namespace());
            assertEquals("app", log.namespace());
            assertEquals(log, moved.withNamespace("app").withCopyStmt(log.copyStmt()));
            assertEquals(log, log.toBuilder().build());
        }
    }
}
