package dev.pgrelocate;

import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.DumpDefinitions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The rules over a dump that arrives in pieces rather than as one script: the SQL of an archive's
 * TOC entries, one after the other, in TOC order. Every piece sees what the pieces before it
 * created (the moved extensions, the target schema), just as statements of a script do.
 *
 * <pre>{@code
 * RewriteSession session = new RewriteSession(options, "latest.dump", definitions, 15);
 * byte[] defn = session.rewrite(entryDefn, "latest.dump: entry 212 (EXTENSION citext)", "EXTENSION");
 * RewriteReport report = session.finish();
 * }</pre>
 */
public final class RewriteSession {
    private final StreamRewriter rewriter;
    private boolean finished;

    /**
     * @param definitions what all the pieces define, collected beforehand (see
     *                    {@link DumpDefinitions#collect}) so references before definitions resolve
     * @param pgMajor     the PostgreSQL major the dump came from (an archive's server), whose built-in
     *                    catalog is used; null for the union of every major's
     */
    public RewriteSession(RewriteOptions options, String source, DumpDefinitions definitions, Integer pgMajor) {
        this.rewriter = new StreamRewriter(options);
        rewriter.begin(source, definitions, null, pgMajor);
    }

    /**
     * Rewrites one piece. Lines in changes and warnings count from the piece's first line.
     *
     * @param source        names the piece in changes, warnings and syntax errors
     * @param tocEntryType  the entry's type ({@code ACL}, {@code SCHEMA}, ...), which some rules consult
     * @return the rewritten bytes; the same content when no rule applied
     */
    public byte[] rewrite(byte[] sql, String source, String tocEntryType) {
        if (finished) {
            throw new IllegalStateException("session already finished");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sql.length + 64);
        rewriter.context().setSource(source);
        rewriter.context().setTocEntryType(tocEntryType == null ? "" : tocEntryType);
        try {
            rewriter.pump(new ByteArrayInputStream(sql), out, source, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }

    /** Ends the session: rules that wait for the whole dump add their warnings; the report of every piece. */
    public RewriteReport finish() {
        finished = true;
        try {
            return rewriter.finish(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
