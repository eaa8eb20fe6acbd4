package dev.pgrelocate.archive;

import static dev.pgrelocate.archive.ArchiveFixtures.find;
import static dev.pgrelocate.archive.ArchiveFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing an unchanged archive reproduces it; a changed one keeps every data block intact. */
class ArchiveRoundTripTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pgdump/pg15_v1.14_gzip.dump", "pgdump/pg15_v1.14_none.dump",
        "pgdump/pg18_v1.16_gzip.dump", "pgdump/pg18_v1.16_lz4.dump", "pgdump/pg18_v1.16_zstd.dump",
        "pgdump/pg18_v1.16_none.dump", "pgdump/pg18_v1.16_gzip_with_stats.dump", "pg15/rails_archive.custom.dump",
        "pg15/rails_archive.custom_z0.dump"})
    void customArchiveIsReproducedByteForByte(String name) throws IOException {
        Path source = path(name);
        Path out = work.resolve("copy.dump");
        try (Archive archive = ArchiveReader.open(source)) {
            ArchiveWriter.write(archive, out);
        }
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(out));
        assertEquals(List.of("copy.dump"), ArchiveFixtures.listing(work), "no temporary file left");
    }

    /** A piped archive gets flag-2 offsets; otherwise it equals the seekable archive of the same dump. */
    @Test
    void archiveWithoutOffsetsGetsOffsetsPointingAtItsBlocks() throws IOException {
        Path source = path("pgdump/pg15_v1.14_gzip_nooffsets.dump");
        Path out = work.resolve("offsets.dump");
        try (Archive archive = ArchiveReader.open(source)) {
            assertTrue(archive.entries().stream().filter(TocEntry::hadDumper)
                    .allMatch(e -> e.dataOffset().flag() == DataOffset.POS_NOT_SET));
            ArchiveWriter.write(archive, out);
        }
        byte[] written = Files.readAllBytes(out);
        byte[] seekable = Files.readAllBytes(path("pgdump/pg15_v1.14_gzip.dump"));
        try (Archive copy = ArchiveReader.open(out); Archive original = ArchiveReader.open(source)) {
            int headerLength = copy.header().length();
            // pg_dump's own seekable archive of the same database differs only in its creation time.
            assertArrayEquals(Arrays.copyOfRange(seekable, headerLength, seekable.length),
                    Arrays.copyOfRange(written, headerLength, written.length));
            int data = 0;
            for (TocEntry e : copy.entries()) {
                if (!e.hadDumper()) {
                    assertEquals(DataOffset.NO_DATA, e.dataOffset().flag());
                    continue;
                }
                data++;
                assertTrue(e.dataOffset().isSet(), e.toString());
                int at = (int) e.dataOffset().position();
                assertTrue(written[at] == 1 || written[at] == 3, "block type at " + at);
                assertEquals(e.dumpId(), (written[at + 2] & 0xFF) | (written[at + 3] & 0xFF) << 8, "block id");
                if (!Archive.isBlobs(e)) {
                    assertArrayEquals(readAll(original.openData(e)), readAll(copy.openData(e)), e.toString());
                }
            }
            assertEquals(5, data);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pgdump/pg15_v1.14_dir", "pgdump/pg18_v1.16_dir_lz4", "pg15/rails_archive.dir"})
    void directoryArchiveIsReproduced(String name) throws IOException {
        Path source = path(name);
        Path out = work.resolve("copy");
        try (Archive archive = ArchiveReader.open(source)) {
            ArchiveWriter.write(archive, out);
        }
        List<String> files = ArchiveFixtures.files(source);
        assertEquals(files, ArchiveFixtures.files(out));
        assertTrue(files.size() >= 5, files::toString);
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(source.resolve(file)), Files.readAllBytes(out.resolve(file)), file);
        }
        assertEquals(List.of("copy"), ArchiveFixtures.listing(work), "no temporary directory left");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pgdump/pg15_v1.14.tar", "pg15/rails_archive.tar"})
    void tarArchiveIsReproducedMemberForMember(String name) throws IOException {
        Path source = path(name);
        Path out = work.resolve("copy.tar");
        try (Archive archive = ArchiveReader.open(source)) {
            ArchiveWriter.write(archive, out);
        }
        Map<String, byte[]> expected = members(source);
        Map<String, byte[]> actual = members(out);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()), "members in order");
        assertTrue(expected.containsKey("restore.sql") && expected.containsKey("toc.dat"));
        expected.forEach((member, bytes) -> assertArrayEquals(bytes, actual.get(member), member));
        try (TarFile a = new TarFile(source); TarFile b = new TarFile(out)) {
            for (int i = 0; i < a.getEntries().size(); i++) {
                TarArchiveEntry x = a.getEntries().get(i);
                TarArchiveEntry y = b.getEntries().get(i);
                assertEquals(x.getMode(), y.getMode(), x.getName());
                assertEquals(x.getUserName(), y.getUserName(), x.getName());
                assertEquals(x.getLastModifiedTime().toMillis() / 1000, y.getLastModifiedTime().toMillis() / 1000);
            }
        }
        assertEquals(List.of("copy.tar"), ArchiveFixtures.listing(work));
    }

    /** A longer defn shifts every block: the new offsets still find them, and data is unchanged. */
    @Test
    void changedTocMovesTheBlocksAndTheOffsetsFollow() throws IOException {
        Path source = path("pgdump/pg18_v1.16_lz4.dump");
        Path out = work.resolve("changed.dump");
        List<TocEntry> changed = new ArrayList<>();
        try (Archive archive = ArchiveReader.open(source)) {
            for (TocEntry e : archive.entries()) {
                changed.add(e.desc().equals("SCHEMA") ? e.withDefn("-- rewritten\n" + e.defn()) : e);
            }
            ArchiveWriter.write(archive, changed, out);
            try (Archive copy = ArchiveReader.open(out)) {
                assertEquals(changed.size(), copy.entries().size());
                TocEntry schema = find(copy, "SCHEMA", null, "app");
                assertTrue(schema.defn().startsWith("-- rewritten\nCREATE SCHEMA app;"), schema.defn());
                for (TocEntry e : copy.entries()) {
                    if (e.hadDumper()) {
                        assertNotEquals(archive.entry(e.dumpId()).dataOffset(), e.dataOffset());
                        var a = new java.io.ByteArrayOutputStream();
                        var b = new java.io.ByteArrayOutputStream();
                        archive.copyRawData(e, a);
                        copy.copyRawData(e, b);
                        assertArrayEquals(a.toByteArray(), b.toByteArray(), e.toString());
                        if (!Archive.isBlobs(e)) {
                            assertArrayEquals(readAll(archive.openData(e)), readAll(copy.openData(e)));
                        }
                    }
                }
            }
        }
    }

    /** Fields a version has no room for are refused, not silently dropped. */
    @Test
    void refusesFieldsTheArchiveVersionCannotHold() throws IOException {
        try (Archive archive = ArchiveReader.open(path("pgdump/pg15_v1.14_gzip.dump"))) {
            List<TocEntry> entries = new ArrayList<>(archive.entries());
            entries.set(3, entries.get(3).withRelkind('r'));
            Path out = work.resolve("x.dump");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ArchiveWriter.write(archive, entries, out));
            assertTrue(e.getMessage().contains("1.16"), e.getMessage());
            assertEquals(List.of(), ArchiveFixtures.listing(work));
        }
    }

    private static Path path(String name) {
        return name.startsWith("pgdump/") ? ArchiveFixtures.shared(name.substring(7))
                : ArchiveFixtures.own(name.substring(5));
    }

    private static Map<String, byte[]> members(Path tar) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (TarFile file = new TarFile(tar)) {
            for (TarArchiveEntry e : file.getEntries()) {
                members.put(e.getName(), readAll(file.getInputStream(e)));
            }
        }
        return members;
    }
}
