package dev.pgrelocate.restore;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.ArchiveReader;
import dev.pgrelocate.archive.ArchiveRewriter;
import dev.pgrelocate.archive.ScriptOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An archive (custom, directory, tar) rewritten and restored without pg_restore: its TOC goes
 * through the rules in memory, then {@link ArchiveRestore} runs the rewritten entries with the
 * archive's data, on one connection or on {@code jobs}. Nothing is written to disk.
 */
public final class RewrittenArchiveRestore {

    private RewrittenArchiveRestore() {
    }

    /**
     * @param engine runs a serial restore (its progress listener sees the script's bytes); a
     *               parallel one opens {@code jobs} connections to the same target with the same options
     */
    public static RewriteAndRestore.Result run(Path archivePath, String source, RewriteOptions rewriteOptions,
                                               RestoreEngine engine, TargetDatabase target, RestoreOptions options,
                                               int jobs) throws IOException {
        try (Archive archive = ArchiveReader.open(archivePath)) {
            ArchiveRewriter.Result rewritten = new ArchiveRewriter(rewriteOptions)
                    .rewrite(archive.entries(), archive.header().serverMajor().orElse(null), source);
            ScriptOptions script = ScriptOptions.defaults();
            RestoreSummary summary = jobs > 1
                    ? new ParallelArchiveRestore(target, options, script, jobs).restore(archive, rewritten.entries())
                    : ArchiveRestore.serial(archive, rewritten.entries(), engine, script);
            return new RewriteAndRestore.Result(rewritten.report(), summary);
        }
    }
}
