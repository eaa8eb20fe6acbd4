package dev.pgrelocate.restore;

import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.ArchiveScript;
import dev.pgrelocate.archive.ScriptOptions;
import dev.pgrelocate.archive.TocEntry;
import dev.pgrelocate.write.LineMap;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Restores an archive without pg_restore. One job: {@link ArchiveScript}'s output streamed into a
 * {@link RestoreEngine} (one connection, the options as for a plain script, a failing line traced
 * back to its TOC entry); more jobs: {@link ParallelArchiveRestore}.
 */
public final class ArchiveRestore {

    private ArchiveRestore() {
    }

    public static RestoreSummary restore(Archive archive, List<TocEntry> entries, TargetDatabase target,
            RestoreOptions options, ScriptOptions scriptOptions, int jobs) throws IOException {
        if (jobs > 1) {
            return new ParallelArchiveRestore(target, options, scriptOptions, jobs).restore(archive, entries);
        }
        return serial(archive, entries, new RestoreEngine(target, options), scriptOptions);
    }

    /** The archive as one script through {@code engine}. */
    public static RestoreSummary serial(Archive archive, List<TocEntry> entries, RestoreEngine engine,
            ScriptOptions scriptOptions) throws IOException {
        ConcurrentSkipListMap<Long, TocEntry> entryStarts = new ConcurrentSkipListMap<>();
        String source = archive.path().getFileName() + " (as SQL)";
        try {
            return RewriteAndRestore.run(out -> {
                new ArchiveScript(scriptOptions).write(archive, entries, out, (entry, line) -> entryStarts.put(line, entry));
                return null; // nothing rewritten, so no report
            }, engine, source, new LineMap()).summary();
        } catch (RestoreException e) {
            throw withEntry(e, entryStarts);
        }
    }

    /** Names the TOC entry the failing line belongs to. */
    private static RestoreException withEntry(RestoreException e, ConcurrentSkipListMap<Long, TocEntry> entryStarts) {
        if (e.summary() == null || e.summary().errors().isEmpty()) {
            return e;
        }
        List<RestoreError> errors = e.summary().errors();
        Map.Entry<Long, TocEntry> start = entryStarts.floorEntry(errors.get(errors.size() - 1).line());
        if (start == null) {
            return e;
        }
        TocEntry entry = start.getValue();
        return new RestoreException(e.getMessage() + System.lineSeparator() + "    TOC entry " + entry.dumpId() + "; "
                + entry.desc() + " " + (entry.namespace() == null ? "-" : entry.namespace()) + " " + entry.tag(),
                e.exitCode(), e.summary(), e);
    }
}
