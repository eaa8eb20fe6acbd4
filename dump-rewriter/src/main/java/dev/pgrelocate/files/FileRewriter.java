package dev.pgrelocate.files;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.write.AtomicFileOutput;

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

    public FileRewriter(Rewriter rewriter) {
        this.rewriter = rewriter;
    }

    /** Rewrites {@code input} into {@code output} (created or replaced whole). */
    public RewriteReport rewrite(Path input, Path output) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new PgRelocateException("the output " + output + " is the input file: use in-place mode to rewrite it"
                    + " (it keeps a backup)", PgRelocateException.EXIT_USAGE);
        }
        try (InputStream in = open(input); AtomicFileOutput out = new AtomicFileOutput(output)) {
            RewriteReport report = rewriter.rewrite(in, out.stream(), input.toString());
            out.commit();
            return report;
        }
    }

    /** Rewrites {@code input} into a stream (stdout); nothing is written for a file that fails to open. */
    public RewriteReport rewrite(Path input, OutputStream out) throws IOException {
        try (InputStream in = open(input)) {
            return rewriter.rewrite(in, out, input.toString());
        }
    }

    /**
     * Rewrites a file in place: the new content goes to a temporary file first; only when the
     * rewrite succeeded and changed something is the original copied to {@code input + backupSuffix}
     * (unless the suffix is empty) and replaced.
     */
    public RewriteReport rewriteInPlace(Path input, String backupSuffix) throws IOException {
        Path inputAbs = input.toAbsolutePath();
        try (InputStream in = open(input); AtomicFileOutput out = new AtomicFileOutput(inputAbs)) {
            RewriteReport report = rewriter.rewrite(in, out.stream(), input.toString());
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
        try (InputStream in = open(input)) {
            return rewriter.check(in, input.toString());
        }
    }

    /** Opens a file as a script, with a user-facing error for a missing or unreadable one. */
    public static InputStream open(Path input) throws IOException {
        try {
            return InputFormat.openScript(Files.newInputStream(input), input.toString());
        } catch (NoSuchFileException e) {
            throw new PgRelocateException("cannot read " + input + ": no such file", PgRelocateException.EXIT_BAD_INPUT, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PgRelocateException("cannot read " + input + ": permission denied", PgRelocateException.EXIT_BAD_INPUT, e);
        }
    }
}
