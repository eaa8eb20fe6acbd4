package dev.pgrelocate.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How big each entry's data is on disk, as pg_restore estimates it to start the biggest tables
 * first in a parallel restore: custom archives by the distance between consecutive data offsets
 * (only when pg_dump could write them), directory archives by the size of each data file. Tar
 * archives and entries without a known size get none (0).
 */
public final class DataSizes {

    private DataSizes() {
    }

    /** dumpId to bytes, for the data entries whose size is known. */
    public static Map<Integer, Long> of(Archive archive) throws IOException {
        return switch (archive.format()) {
            case CUSTOM -> fromOffsets(archive.entries(), Files.size(archive.path()));
            case DIRECTORY -> fromFiles(archive.entries(), archive.path());
            default -> Map.of();
        };
    }

    static Map<Integer, Long> fromOffsets(List<TocEntry> entries, long fileSize) {
        Map<Integer, Long> sizes = new HashMap<>();
        TocEntry previous = null;
        for (TocEntry entry : entries) {
            DataOffset offset = entry.dataOffset();
            if (offset == null || !offset.isSet()) {
                continue;
            }
            if (previous != null && offset.position() > previous.dataOffset().position()) {
                sizes.put(previous.dumpId(), offset.position() - previous.dataOffset().position());
            }
            previous = entry;
        }
        if (previous != null && fileSize > previous.dataOffset().position()) {
            sizes.put(previous.dumpId(), fileSize - previous.dataOffset().position());
        }
        return sizes;
    }

    private static Map<Integer, Long> fromFiles(List<TocEntry> entries, Path directory) throws IOException {
        Map<Integer, Long> sizes = new HashMap<>();
        for (TocEntry entry : entries) {
            if (!entry.hadDumper() || entry.fileName() == null || entry.fileName().isEmpty()) {
                continue;
            }
            for (String suffix : new String[] {"", ".gz", ".lz4", ".zst"}) {
                Path file = directory.resolve(entry.fileName() + suffix);
                if (Files.isRegularFile(file)) {
                    sizes.put(entry.dumpId(), Files.size(file));
                    break;
                }
            }
        }
        return sizes;
    }
}
