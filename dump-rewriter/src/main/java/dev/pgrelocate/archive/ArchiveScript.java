package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an archive as the SQL script {@code pg_restore -f -} writes for it, byte for byte as
 * pg_restore 15 does (archive versions 1.12 to 1.16): the header comments and {@code \restrict}
 * line, the session SET block, then every entry pg_restore restores by default in its three
 * passes (everything else, privileges, then event triggers and materialized view refreshes), and
 * the footer.
 *
 * <pre>{@code
 * try (Archive archive = ArchiveReader.open(path)) {
 *     new ArchiveScript(ScriptOptions.defaults().withRestrictKey("K")).write(archive, out);
 * }
 * }</pre>
 *
 * Left out: {@code --use-set-session-authorization} (owners are always set with ALTER ... OWNER
 * TO), {@code -C}, {@code --clean}, section and name filters.
 */
public final class ArchiveScript {

    /** Told where each entry's SQL starts, to trace a failing line of the script to its entry. */
    @FunctionalInterface
    public interface EntryListener {
        void entryStarts(TocEntry entry, long line);
    }

    private final ScriptOptions options;

    public ArchiveScript(ScriptOptions options) {
        this.options = options;
    }

    /** The whole archive as pg_restore prints it. */
    public void write(Archive archive, OutputStream out) throws IOException {
        write(archive, archive.entries(), out, (entry, line) -> { });
    }

    /**
     * {@code entries} (the archive's, possibly rewritten; data is found by dumpId) as pg_restore
     * prints them, telling {@code listener} where each entry starts.
     */
    public void write(Archive archive, List<TocEntry> entries, OutputStream out, EntryListener listener)
            throws IOException {
        ArchiveHeader header = archive.header();
        String source = archive.path().toString();
        ScriptOutput script = new ScriptOutput(out);
        SessionSetup session = SessionSetup.of(source, entries);
        String key = options.effectiveRestrictKey();
        script.print("--\n-- PostgreSQL database dump\n--\n\n");
        if (options.restrictLines()) {
            script.print("\\restrict " + key + "\n\n");
        }
        if (header.serverVersion() != null) {
            script.print("-- Dumped from database version " + header.serverVersion() + "\n");
        }
        if (header.dumpVersion() != null) {
            script.print("-- Dumped by pg_dump version " + header.dumpVersion() + "\n");
        }
        script.print("\n");
        script.print(session.preamble());
        EntryWriter writer = new EntryWriter(script, options, session, byDumpId(entries), source);
        for (RestorePass pass : RestorePass.values()) {
            for (TocEntry entry : entries) {
                if (RestorePass.of(entry) == pass && EntryParts.of(entry, options).any()) {
                    listener.entryStarts(entry, script.line());
                    writer.write(entry, archive);
                }
            }
        }
        script.print("--\n-- PostgreSQL database dump complete\n--\n\n");
        if (options.restrictLines()) {
            script.print("\\unrestrict " + key + "\n\n");
        }
        script.flush();
    }

    static Map<Integer, TocEntry> byDumpId(List<TocEntry> entries) {
        Map<Integer, TocEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.dumpId(), e));
        return map;
    }
}
