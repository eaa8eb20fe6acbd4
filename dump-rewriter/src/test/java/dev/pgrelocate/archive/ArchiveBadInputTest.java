package dev.pgrelocate.archive;

import static dev.pgrelocate.archive.ArchiveFixtures.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.PgRelocateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken archives fail with an {@link ArchiveFormatException} (exit code 3) that names the file,
 * the byte offset and the TOC entry, and the writer leaves no output behind.
 */
class ArchiveBadInputTest {

    /** pg15_v1.14_gzip.dump: TABLE DATA app.log (dumpId 5118) has its block here. */
    private static final int LOG_BLOCK = 33526;

    @TempDir
    Path work;

    private Path broken(String fixture, Consumer<byte[]> damage) throws IOException {
        byte[] bytes = Files.readAllBytes(ArchiveFixtures.shared(fixture));
        damage.accept(bytes);
        return Files.write(work.resolve("broken.dump"), bytes);
    }

    private Path truncated(String fixture, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(ArchiveFixtures.shared(fixture));
        return Files.write(work.resolve("broken.dump"), Arrays.copyOf(bytes, length));
    }

    private static ArchiveFormatException opening(Path path) {
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> ArchiveReader.open(path).close());
        assertCommon(e, path);
        return e;
    }

    private static void assertCommon(ArchiveFormatException e, Path path) {
        assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("hint: "), e.getMessage());
        if (e.offset() != ArchiveFormatException.NO_OFFSET) {
            assertTrue(e.getMessage().contains(": byte " + e.offset() + ": "), e.getMessage());
        }
    }

    /** Writing a copy fails the same way and leaves nothing in the output directory. */
    private ArchiveFormatException writing(Path source, String outName) throws IOException {
        Path outDir = Files.createDirectory(work.resolve("out"));
        try (Archive archive = ArchiveReader.open(source)) {
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                    () -> ArchiveWriter.write(archive, outDir.resolve(outName)));
            assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode());
            assertEquals(List.of(), ArchiveFixtures.listing(outDir), "no output left");
            return e;
        }
    }

    @Test
    void badMagic() throws IOException {
        ArchiveFormatException e = opening(broken("pg15_v1.14_gzip.dump", b -> b[4] = 'Q'));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @ParameterizedTest(name = "1.{0}")
    @ValueSource(ints = {11, 17})
    void unsupportedVersion(int minor) throws IOException {
        ArchiveFormatException e = opening(broken("pg15_v1.14_gzip.dump", b -> b[6] = (byte) minor));
        assertEquals(5, e.offset());
        assertTrue(e.getMessage().contains("unsupported archive version 1." + minor), e.getMessage());
        assertTrue(e.getMessage().contains("1.12 to 1.16"), e.getMessage());
    }

    @Test
    void unknownCompressionAlgorithm() throws IOException {
        // 1.16: magic, 3 version bytes, intSize, offSize, format, then the algorithm byte at 11.
        ArchiveFormatException e = opening(broken("pg18_v1.16_gzip.dump", b -> b[11] = 9));
        assertEquals(11, e.offset());
        assertTrue(e.getMessage().contains("unknown compression algorithm 9"), e.getMessage());
    }

    @Test
    void unknownCompressionLevel() throws IOException {
        // 1.14: the level is an Int at 11 (sign byte, then 4 magnitude bytes); -1 becomes 42.
        ArchiveFormatException e = opening(broken("pg15_v1.14_gzip.dump", b -> {
            b[11] = 0;
            b[12] = 42;
        }));
        assertEquals(11, e.offset());
        assertTrue(e.getMessage().contains("unknown compression level 42"), e.getMessage());
    }

    /** Cut inside the magic, the header, the TOC count, an entry's strings, and the offsets. */
    @ParameterizedTest(name = "truncated to {0} bytes")
    @ValueSource(ints = {0, 3, 9, 40, 120, 130, 5000, 20000, LOG_BLOCK - 3})
    void truncatedHeaderOrToc(int length) throws IOException {
        ArchiveFormatException e = opening(truncated("pg15_v1.14_gzip.dump", length));
        assertTrue(e.offset() <= length && e.offset() >= Math.max(0, length - 2000), e.getMessage());
        if (length >= 200) {
            assertTrue(e.getMessage().contains("(TOC entry "), e.getMessage());
            assertTrue(e.getMessage().contains(" of 85"), e.getMessage());
        }
        assertTrue(e.getMessage().contains(length == 0 ? "empty file" : "truncated"), e.getMessage());
    }

    @ParameterizedTest(name = "truncated {0} bytes into the data section")
    @ValueSource(ints = {3, 12, 40, 10000})
    void truncatedDataBlock(int into) throws IOException {
        Path path = truncated("pg15_v1.14_gzip.dump", LOG_BLOCK + into);
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry plain = ArchiveFixtures.find(archive, "TABLE DATA", "public", "plain_t");
            TocEntry log = ArchiveFixtures.find(archive, "TABLE DATA", "app", "log");
            TocEntry broken = into < 84 ? log : plain;
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                    () -> readAll(archive.openData(broken)));
            assertCommon(e, path);
            assertTrue(e.offset() >= LOG_BLOCK && e.offset() <= LOG_BLOCK + into, e.getMessage());
            assertTrue(e.getMessage().contains("TOC entry " + broken.dumpId() + " TABLE DATA"), e.getMessage());
        }
        writing(path, "copy.dump");
    }

    @Test
    void blockIdMismatch() throws IOException {
        // The dumpId Int after the type byte: 5118 becomes 5374.
        Path path = broken("pg15_v1.14_gzip.dump", b -> b[LOG_BLOCK + 3] = 0x14);
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry log = ArchiveFixtures.find(archive, "TABLE DATA", "app", "log");
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> archive.openData(log));
            assertCommon(e, path);
            assertEquals(LOG_BLOCK + 1, e.offset());
            assertTrue(e.getMessage().contains("found unexpected block ID 5374"), e.getMessage());
            assertTrue(e.getMessage().contains("expected 5118"), e.getMessage());
            assertTrue(e.getMessage().contains("TOC entry 5118 TABLE DATA app log"), e.getMessage());
        }
    }

    @Test
    void chunkLengthPastTheEndOfTheFile() throws IOException {
        // First chunk length: sign byte at +6, magnitude at +7..+10; make it about 2 GB.
        Path path = broken("pg15_v1.14_gzip.dump", b -> b[LOG_BLOCK + 10] = 0x70);
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry log = ArchiveFixtures.find(archive, "TABLE DATA", "app", "log");
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> readAll(archive.openData(log)));
            assertCommon(e, path);
            assertEquals(LOG_BLOCK + 6, e.offset());
            assertTrue(e.getMessage().contains("past the end of the file"), e.getMessage());
            assertTrue(e.getMessage().contains("5118 TABLE DATA app log"), e.getMessage());
        }
        ArchiveFormatException e = writing(path, "copy.dump");
        assertEquals(LOG_BLOCK + 6, e.offset());
    }

    @Test
    void corruptCompressedData() throws IOException {
        // Inside the zlib stream of app.log (after the 78 9c header).
        Path path = broken("pg15_v1.14_gzip.dump", b -> {
            for (int i = LOG_BLOCK + 13; i < LOG_BLOCK + 40; i++) {
                b[i] = (byte) 0xff;
            }
        });
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry log = ArchiveFixtures.find(archive, "TABLE DATA", "app", "log");
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> readAll(archive.openData(log)));
            assertCommon(e, path);
            assertTrue(e.getMessage().contains("cannot decompress the GZIP data"), e.getMessage());
            assertTrue(e.getMessage().contains("5118 TABLE DATA app log"), e.getMessage());
        }
    }

    @Test
    void piped_archive_without_a_block() throws IOException {
        // No offsets: the block is searched for by scanning; cut the file before the last block.
        Path source = ArchiveFixtures.shared("pg15_v1.14_gzip_nooffsets.dump");
        long blobsAt;
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.shared("pg15_v1.14_gzip.dump"))) {
            blobsAt = ArchiveFixtures.find(archive, "BLOBS", null, "BLOBS").dataOffset().position();
        }
        byte[] bytes = Files.readAllBytes(source);
        Path path = Files.write(work.resolve("broken.dump"), Arrays.copyOf(bytes, (int) blobsAt));
        try (Archive archive = ArchiveReader.open(path)) {
            TocEntry blobs = ArchiveFixtures.find(archive, "BLOBS", null, "BLOBS");
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> archive.openBlobs(blobs));
            assertCommon(e, path);
            assertTrue(e.getMessage().contains("could not find block ID " + blobs.dumpId()), e.getMessage());
            // The other tables are still there.
            TocEntry log = ArchiveFixtures.find(archive, "TABLE DATA", "app", "log");
            assertEquals(62, readAll(archive.openData(log)).length);
        }
        writing(path, "copy.dump");
    }

    @Test
    void missingDataFileInADirectory() throws IOException {
        Path dir = Files.createDirectory(work.resolve("dir"));
        for (String f : ArchiveFixtures.files(ArchiveFixtures.shared("pg15_v1.14_dir"))) {
            if (!f.equals("5119.dat.gz")) {
                Files.copy(ArchiveFixtures.shared("pg15_v1.14_dir").resolve(f), dir.resolve(f));
            }
        }
        try (Archive archive = ArchiveReader.open(dir)) {
            TocEntry plain = ArchiveFixtures.find(archive, "TABLE DATA", "public", "plain_t");
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> archive.openData(plain));
            assertEquals(3, e.exitCode());
            assertEquals(dir.resolve("5119.dat").toString(), e.file());
            assertTrue(e.getMessage().contains("missing data file 5119.dat"), e.getMessage());
            assertTrue(e.getMessage().contains("TOC entry 5119 TABLE DATA public plain_t"), e.getMessage());
        }
        ArchiveFormatException e = writing(dir, "copy");
        assertTrue(e.getMessage().contains("missing data file 5119.dat"), e.getMessage());
    }

    @Test
    void missingBlobFileInADirectory() throws IOException {
        Path dir = Files.createDirectory(work.resolve("dir"));
        for (String f : ArchiveFixtures.files(ArchiveFixtures.shared("pg18_v1.16_dir_lz4"))) {
            if (!f.equals("blob_26197.dat.lz4")) {
                Files.copy(ArchiveFixtures.shared("pg18_v1.16_dir_lz4").resolve(f), dir.resolve(f));
            }
        }
        ArchiveFormatException e = writing(dir, "copy");
        assertTrue(e.getMessage().contains("missing data file blob_26197.dat"), e.getMessage());
    }

    @Test
    void truncatedTar() throws IOException {
        byte[] bytes = Files.readAllBytes(ArchiveFixtures.shared("pg15_v1.14.tar"));
        Path path = Files.write(work.resolve("broken.tar"), Arrays.copyOf(bytes, 20_000));
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> ArchiveReader.open(path).close());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
    }

    @Test
    void plainScriptIsNotAnArchive() {
        Path plain = ArchiveFixtures.shared("pg15_plain.sql");
        ArchiveFormatException e = opening(plain);
        assertTrue(e.getMessage().contains("plain SQL script"), e.getMessage());
    }
}
