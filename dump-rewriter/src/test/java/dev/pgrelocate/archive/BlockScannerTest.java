package dev.pgrelocate.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory-mapped walk of a data section finds exactly the blocks the buffered, block-by-block
 * walk finds, whatever the map's window size, and leaves damaged blocks to the careful walk.
 */
class BlockScannerTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pg15_v1.14_gzip.dump", "pg15_v1.14_gzip_nooffsets.dump", "pg15_v1.14_none.dump",
            "pg18_v1.16_gzip.dump", "pg18_v1.16_lz4.dump", "pg18_v1.16_zstd.dump", "pg18_v1.16_none.dump"})
    void mappedWalkEqualsTheCarefulWalk(String fixture) throws IOException {
        Path path = ArchiveFixtures.shared(fixture);
        try (CustomArchive archive = CustomArchive.open(path);
                FileChannel channel = FileChannel.open(path)) {
            BlockScanner scanner = new BlockScanner(channel, path.toString(), archive.header(), archive::entry);
            List<DataBlock> careful = carefulWalk(scanner, channel, archive.dataStart());
            assertTrue(careful.size() >= 3, "fixture has several blocks: " + careful);
            assertEquals(channel.size(), careful.get(careful.size() - 1).end());
            // 1 and 5 bytes: every Int straddles windows; 4096: a page; the default: one window.
            for (long window : new long[] {1, 5, 4096, MappedBytes.DEFAULT_WINDOW}) {
                assertEquals(careful, scanner.scanAll(archive.dataStart(), window), "window " + window);
                try (MappedBytes bytes = new MappedBytes(channel, window)) {
                    for (DataBlock block : careful) {
                        assertEquals(block, scanner.mappedBlock(bytes, block.start()), "found by the map itself");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "chunk length byte {0} after the first block's start")
    @ValueSource(ints = {10, 9})
    void damagedChunkLengthIsReportedByTheCarefulWalk(int at) throws IOException {
        Path source = ArchiveFixtures.shared("pg15_v1.14_gzip.dump");
        long firstBlock;
        try (CustomArchive archive = CustomArchive.open(source)) {
            firstBlock = archive.dataStart();
        }
        byte[] bytes = Files.readAllBytes(source);
        bytes[(int) firstBlock + at] = 0x70; // the first chunk's length: about 2 GB, or a negative sign byte
        if (at == 9) {
            bytes[(int) firstBlock + 6] = 1;
        }
        Path path = Files.write(work.resolve("broken.dump"), bytes);
        try (CustomArchive archive = CustomArchive.open(path);
                FileChannel channel = FileChannel.open(path)) {
            BlockScanner scanner = new BlockScanner(channel, path.toString(), archive.header(), archive::entry);
            try (MappedBytes map = new MappedBytes(channel, 4096)) {
                assertNull(scanner.mappedBlock(map, archive.dataStart()), "the map walk gives up");
            }
            ArchiveFormatException e = assertThrows(ArchiveFormatException.class,
                    () -> scanner.scanAll(archive.dataStart(), 4096));
            assertEquals(firstBlock + 6, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains(at == 9 ? "negative chunk length" : "past the end of the file"),
                    e.getMessage());
        }
    }

    private static List<DataBlock> carefulWalk(BlockScanner scanner, FileChannel channel, long start)
            throws IOException {
        List<DataBlock> blocks = new ArrayList<>();
        for (long position = start; position < channel.size(); position = blocks.get(blocks.size() - 1).end()) {
            blocks.add(scanner.scanOne(position, -1));
        }
        return blocks;
    }
}
