package dev.pgrelocate.archive;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.write.AtomicFileOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rewrites archive files (custom, directory, tar) into archives of the same format and version:
 * the TOC through {@link ArchiveRewriter}, the data copied raw by {@link ArchiveWriter}. Like the
 * plain-file rewrite, an output appears whole or not at all, and an input changes only in place,
 * with a backup, and only when the rewrite changed something.
 */
public final class ArchiveFileRewriter {
    private final ArchiveRewriter rewriter;
    private final RewriteOptions options;
    private final boolean sync;

    public ArchiveFileRewriter(RewriteOptions options) {
        this(options, true);
    }

    /** @param sync false: new archives are not waited for to reach the disk (pg_dump --no-sync); in place always is */
    public ArchiveFileRewriter(RewriteOptions options, boolean sync) {
        this.rewriter = new ArchiveRewriter(options);
        this.options = options;
        this.sync = sync;
    }

    /**
     * Rewrites {@code input} and writes it as the SQL script {@code pg_restore -f -} would write for
     * the rewritten archive (data included), so a psql or a plain-script consumer can take it.
     */
    public RewriteReport rewriteToScript(Path input, OutputStream out, String sourceName) throws IOException {
        try (Archive archive = ArchiveReader.open(input)) {
            ArchiveRewriter.Result result = rewrite(archive, sourceName);
            ScriptOptions script = ScriptOptions.defaults().withRestrictLines(!options.stripRestrict());
            new ArchiveScript(script).write(archive, result.entries(), out, (entry, line) -> { });
            out.flush();
            return result.report();
        }
    }

    /** Rewrites {@code input} into a new archive {@code output} (replaced whole if it exists). */
    public RewriteReport rewrite(Path input, Path output, String sourceName) throws IOException {
        try (Archive archive = ArchiveReader.open(input)) {
            ArchiveRewriter.Result result = rewrite(archive, sourceName);
            ArchiveWriter.write(archive, result.entries(), output, sync);
            return result.report();
        }
    }

    /** What the rewrite would change and what would fail on the target, writing nothing. */
    public RewriteReport check(Path input, String sourceName) throws IOException {
        try (Archive archive = ArchiveReader.open(input)) {
            return rewrite(archive, sourceName).report();
        }
    }

    /**
     * Rewrites an archive in place. A custom or tar file is replaced whole after a copy went to
     * {@code input + backupSuffix}; a directory only gets a new toc.dat (its data files do not
     * change), the old one kept as {@code toc.dat + backupSuffix}. Nothing is touched when the
     * rewrite changes nothing.
     */
    public RewriteReport rewriteInPlace(Path input, String backupSuffix, String sourceName) throws IOException {
        boolean backup = backupSuffix != null && !backupSuffix.isEmpty();
        try (Archive archive = ArchiveReader.open(input)) {
            ArchiveRewriter.Result result = rewrite(archive, sourceName);
            if (!result.changed(archive.entries())) {
                return result.report();
            }
            if (archive instanceof DirectoryArchive) {
                Path toc = input.resolve("toc.dat");
                if (!Files.isRegularFile(toc)) {
                    throw new PgRelocateException(input + ": only a directory archive with a plain toc.dat is"
                            + " rewritten in place; rewrite it into a new directory with -o", PgRelocateException.EXIT_USAGE);
                }
                if (backup) {
                    copyAtomically(toc, toc.resolveSibling("toc.dat" + backupSuffix));
                }
                try (AtomicFileOutput out = new AtomicFileOutput(toc)) {
                    TocCodec.write(archive.header(), result.entries(), e -> null, out.stream());
                    out.commit();
                }
                return result.report();
            }
            Path absolute = input.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".pgrelocate");
            try {
                ArchiveWriter.write(archive, result.entries(), temp);
                if (backup) {
                    copyAtomically(absolute, absolute.resolveSibling(absolute.getFileName() + backupSuffix));
                }
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return result.report();
        }
    }

    private ArchiveRewriter.Result rewrite(Archive archive, String sourceName) {
        return rewriter.rewrite(archive.entries(), archive.header().serverMajor().orElse(null), sourceName);
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        try (AtomicFileOutput out = new AtomicFileOutput(to)) {
            Files.copy(from, out.stream());
            out.commit();
        }
    }
}
