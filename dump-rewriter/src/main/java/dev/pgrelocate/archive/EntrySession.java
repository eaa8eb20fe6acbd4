package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The SQL of single TOC entries for one database session, as {@link ArchiveScript} would print
 * them: a parallel restore gives each of its connections one of these, runs {@link #preamble()}
 * first and then the entries the connection is handed, in any order. Tablespace and table access
 * method switches are tracked per session, the way pg_restore tracks them per connection.
 */
public final class EntrySession {
    private final Archive archive;
    private final SessionSetup session;
    private final ScriptOutput output = new ScriptOutput(OutputStream.nullOutputStream());
    private final EntryWriter writer;

    /** {@code entries}: the archive's (possibly rewritten) entries; data is found by dumpId. */
    public EntrySession(Archive archive, List<TocEntry> entries, ScriptOptions options) {
        this.archive = archive;
        String source = archive.path().toString();
        this.session = SessionSetup.of(source, entries);
        this.writer = new EntryWriter(output, options, session, ArchiveScript.byDumpId(entries), source);
    }

    /** The SET block every connection starts with. */
    public String preamble() {
        return session.preamble();
    }

    /** Writes {@code entry}'s SQL (and data) to {@code out}; nothing for an entry pg_restore would skip. */
    public void write(TocEntry entry, OutputStream out) throws IOException {
        output.target(out);
        try {
            writer.write(entry, archive);
            output.flush();
        } finally {
            output.target(OutputStream.nullOutputStream());
        }
    }
}
