package dev.pgrelocate.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a pg_dump archive of any format: custom (-Fc), directory (-Fd) or tar (-Ft). */
public final class ArchiveReader {

    private ArchiveReader() {
    }

    /**
     * Reads the header and TOC; data stays on disk until asked for. Fails with an
     * {@link ArchiveFormatException} (exit code 3) for plain scripts and unreadable archives.
     */
    public static Archive open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        DumpFormat format = DumpFormat.detect(path);
        switch (format) {
            case CUSTOM:
                return CustomArchive.open(path);
            case DIRECTORY:
                return DirectoryArchive.open(path);
            case TAR:
                return TarArchive.open(path);
            default:
                String what = Files.size(path) == 0 ? "empty file"
                        : "bad magic: the file starts with neither PGDMP (custom format) nor a tar header, so it is not"
                                + " a pg_dump archive; it looks like a " + describe(format);
                throw ArchiveFormatException.of(path.toString(), 0, null, what, "plain scripts are rewritten as"
                        + " scripts (pgrelocate rewrite); archives are what pg_dump -Fc, -Fd and -Ft write");
        }
    }

    private static String describe(DumpFormat format) {
        switch (format) {
            case GZIP_PLAIN:
                return "gzip-compressed plain SQL script";
            case ZSTD_PLAIN:
                return "zstd-compressed plain SQL script";
            default:
                return "plain SQL script";
        }
    }
}
