package dev.pgrelocate.files;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.archive.ArchiveFileRewriter;
import dev.pgrelocate.archive.DumpFormat;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.write.AtomicFileOutput;
import dev.pgrelocate.write.LineMap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Rewrites files, for the CLI and the Maven goals alike. Outputs are written atomically; an input
 * is never modified except by {@link #rewriteInPlace}, which keeps a backup and touches nothing
 * when the rewrite changes nothing (so repeated builds keep the first backup).
 */
public final class FileRewriter {
    private final Rewriter rewriter;
    private final Path baseDirectory;
    private final boolean archivesAsScripts;
    private final boolean sync;

    /** Reports name each file as it was given. */
    public FileRewriter(Rewriter rewriter) {
        this(rewriter, null);
    }

    /** Reports name files under {@code baseDirectory} relative to it (a build's project directory). */
    public FileRewriter(Rewriter rewriter, Path baseDirectory) {
        this(rewriter, baseDirectory, false, true);
    }

    private FileRewriter(Rewriter rewriter, Path baseDirectory, boolean archivesAsScripts, boolean sync) {
        this.rewriter = rewriter;
        this.baseDirectory = baseDirectory == null ? null : baseDirectory.toAbsolutePath().normalize();
        this.archivesAsScripts = archivesAsScripts;
        this.sync = sync;
    }

    /**
     * The same rewriter, not waiting for new output files to reach the disk (like pg_dump
     * --no-sync): faster, but after a crash an output may be incomplete. In-place rewrites, which
     * replace the input, always wait.
     */
    public FileRewriter withoutSync() {
        return new FileRewriter(rewriter, baseDirectory, archivesAsScripts, false);
    }

    /**
     * The same rewriter, writing an archive input as the SQL script pg_restore would print for the
     * rewritten archive instead of as a new archive (scripts stay scripts either way).
     */
    public FileRewriter archivesAsScripts() {
        return new FileRewriter(rewriter, baseDirectory, true, sync);
    }

    /** The name reports and errors use for a file. */
    String sourceName(Path input) {
        if (baseDirectory != null) {
            Path abs = input.toAbsolutePath().normalize();
            if (abs.startsWith(baseDirectory) && !abs.equals(baseDirectory)) {
                return baseDirectory.relativize(abs).toString();
            }
        }
        return input.toString();
    }

    /**
     * Rewrites {@code input} into {@code output} (created or replaced whole). An archive (custom,
     * directory, tar) becomes an archive of the same format.
     */
    public RewriteReport rewrite(Path input, Path output) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new PgRelocateException("the output " + output + " is the input file: use in-place mode to rewrite it"
                    + " (it keeps a backup)", PgRelocateException.EXIT_USAGE);
        }
        if (isArchive(input) && archivesAsScripts) {
            try (AtomicFileOutput out = new AtomicFileOutput(output, sync)) {
                RewriteReport report = archives().rewriteToScript(input, out.stream(), sourceName(input));
                out.commit();
                return report;
            }
        }
        if (isArchive(input)) {
            return archives().rewrite(input, output, sourceName(input));
        }
        try (InputStream in = open(input, sourceName(input)); AtomicFileOutput out = new AtomicFileOutput(output, sync)) {
            RewriteReport report = rewriter.rewrite(in, out.stream(), sourceName(input), definitions(input));
            out.commit();
            return report;
        }
    }

    /** Rewrites {@code input} into a stream (stdout); nothing is written for a file that fails to open. */
    public RewriteReport rewrite(Path input, OutputStream out) throws IOException {
        return rewrite(input, out, null);
    }

    /** The same, recording where output lines differ from the input's (for a restore reading the output). */
    public RewriteReport rewrite(Path input, OutputStream out, LineMap lines) throws IOException {
        if (isArchive(input) && archivesAsScripts) {
            return archives().rewriteToScript(input, out, sourceName(input));
        }
        if (isArchive(input)) {
            throw new PgRelocateException(sourceName(input) + " is a pg_dump archive: it is rewritten into a new archive"
                    + " of the same format, so give an output file (-o FILE) or rewrite it in place; or ask for"
                    + " the SQL script pg_restore would write (--to-sql)", PgRelocateException.EXIT_USAGE);
        }
        try (InputStream in = open(input, sourceName(input))) {
            return rewriter.rewrite(in, out, sourceName(input), definitions(input), lines);
        }
    }

    /**
     * Rewrites a file in place: the new content goes to a temporary file first; only when the
     * rewrite succeeded and changed something is the original copied to {@code input + backupSuffix}
     * (unless the suffix is empty) and replaced.
     */
    public RewriteReport rewriteInPlace(Path input, String backupSuffix) throws IOException {
        if (isArchive(input) && archivesAsScripts) {
            throw new PgRelocateException(sourceName(input) + ": an archive cannot be rewritten in place as SQL;"
                    + " give an output file (-o FILE)", PgRelocateException.EXIT_USAGE);
        }
        if (isArchive(input)) {
            return archives().rewriteInPlace(input, backupSuffix, sourceName(input));
        }
        Path inputAbs = input.toAbsolutePath();
        try (InputStream in = open(input, sourceName(input)); AtomicFileOutput out = new AtomicFileOutput(inputAbs)) {
            RewriteReport report = rewriter.rewrite(in, out.stream(), sourceName(input), definitions(input));
            if (report.changes().isEmpty()) {
                return report; // closing without commit deletes the temporary file
            }
            if (backupSuffix != null && !backupSuffix.isEmpty()) {
                Path backup = inputAbs.resolveSibling(inputAbs.getFileName() + backupSuffix);
                try (AtomicFileOutput copy = new AtomicFileOutput(backup)) {
                    Files.copy(inputAbs, copy.stream());
                    copy.commit();
                }
            }
            out.commit();
            return report;
        }
    }

    public RewriteReport check(Path input) throws IOException {
        if (isArchive(input)) {
            return archives().check(input, sourceName(input));
        }
        try (InputStream in = open(input, sourceName(input))) {
            return rewriter.check(in, sourceName(input), definitions(input));
        }
    }

    /** A custom, directory or tar archive; false for scripts and for files that do not exist. */
    static boolean isArchive(Path input) throws IOException {
        return Files.exists(input) && DumpFormat.detect(input).isArchive();
    }

    private ArchiveFileRewriter archives() {
        return new ArchiveFileRewriter(rewriter.options(), sync);
    }

    /**
     * The first of two passes over a file: what the dump defines, so that a reference to a user
     * object is recognised even before the object's own CREATE (COPY data is skipped, not parsed).
     */
    private DumpDefinitions definitions(Path input) throws IOException {
        try (InputStream in = open(input, sourceName(input))) {
            return DumpDefinitions.scan(in, sourceName(input));
        }
    }

    /** Opens a file as a script, with a user-facing error for a missing or unreadable one. */
    private static InputStream open(Path input, String name) throws IOException {
        try {
            return InputFormat.openScript(Files.newInputStream(input), name);
        } catch (NoSuchFileException e) {
            throw new PgRelocateException("cannot read " + name + ": no such file", PgRelocateException.EXIT_BAD_INPUT, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PgRelocateException("cannot read " + name + ": permission denied", PgRelocateException.EXIT_BAD_INPUT, e);
        }
    }
}
