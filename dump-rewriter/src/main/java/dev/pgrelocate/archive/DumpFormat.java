package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What kind of pg_dump output a path holds, told from its first bytes (never from its name: dumps
 * are often called {@code .sql} or {@code .dump} whatever they are).
 */
public enum DumpFormat {
    /** A plain SQL script (pg_dump -Fp). */
    PLAIN,
    /** A plain script compressed with gzip ({@code pg_dump | gzip}, or -Fp -Z). */
    GZIP_PLAIN,
    /** A plain script compressed with zstd ({@code pg_dump | zstd}, or pg_dump 16+ -Fp -Z zstd). */
    ZSTD_PLAIN,
    /** pg_dump -Fc: one file starting with {@code PGDMP}. */
    CUSTOM,
    /** pg_dump -Fd: a directory with toc.dat and one file per data entry. */
    DIRECTORY,
    /** pg_dump -Ft: a ustar archive holding toc.dat and the data files. */
    TAR;

    /** How many leading bytes {@link #sniff} needs: the ustar magic sits at offset 257. */
    static final int SNIFF_LENGTH = 512;

    /** toc.dat names pg_restore probes for in a directory archive (pg_dump itself writes only the first). */
    static final String[] TOC_NAMES = {"toc.dat", "toc.dat.gz", "toc.dat.lz4", "toc.dat.zst"};

    /** Detects the format of a file or directory. A directory without toc.dat is not a dump. */
    public static DumpFormat detect(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            for (String name : TOC_NAMES) {
                if (Files.isRegularFile(path.resolve(name))) {
                    return DIRECTORY;
                }
            }
            throw ArchiveFormatException.of(path.toString(), ArchiveFormatException.NO_OFFSET, null,
                    "a directory without toc.dat is not a pg_dump directory archive",
                    "pass the directory pg_dump -Fd wrote, or a dump file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SNIFF_LENGTH);
        }
        return sniff(head);
    }

    /** The format of a file whose first bytes (up to {@link #SNIFF_LENGTH}) are {@code head}. */
    static DumpFormat sniff(byte[] head) {
        byte[] magic = "PGDMP".getBytes(StandardCharsets.ISO_8859_1);
        // A file cut inside the magic is a truncated custom archive, not a script.
        byte[] prefix = head.length < magic.length ? head : Arrays.copyOf(head, magic.length);
        if (head.length > 0 && startsWith(magic, 0, prefix)) {
            return CUSTOM;
        }
        if (startsWith(head, 257, "ustar".getBytes(StandardCharsets.ISO_8859_1))) {
            return TAR;
        }
        if (startsWith(head, 0, new byte[] {0x1f, (byte) 0x8b})) {
            return GZIP_PLAIN;
        }
        if (startsWith(head, 0, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) {
            return ZSTD_PLAIN;
        }
        return PLAIN;
    }

    /** True for the formats {@link ArchiveReader} reads. */
    public boolean isArchive() {
        return this == CUSTOM || this == DIRECTORY || this == TAR;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (data.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
