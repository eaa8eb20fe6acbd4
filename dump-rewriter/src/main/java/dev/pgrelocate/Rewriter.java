package dev.pgrelocate;

import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.write.LineMap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The engine's front door: rewrite a psql script (plain pg_dump, structure.sql, migration) in one
 * streaming pass, check what would fail on the target platform, or rewrite one SQL string (an
 * archive's TOC entry) with the same rules.
 *
 * <pre>{@code
 * Rewriter rewriter = new Rewriter(RewriteOptions.of(Preset.HEROKU));
 * RewriteReport report = rewriter.rewrite(in, out, "structure.sql");
 * }</pre>
 */
public final class Rewriter {
    private final RewriteOptions options;

    public Rewriter(RewriteOptions options) {
        this.options = options;
    }

    public RewriteOptions options() {
        return options;
    }

    /**
     * Rewrites {@code in} to {@code out}. Throws {@link dev.pgrelocate.statement.DumpSyntaxException}
     * for input psql could not run; output written before the error is then incomplete, which is
     * why file outputs go through {@link dev.pgrelocate.write.AtomicFileOutput}.
     */
    public RewriteReport rewrite(InputStream in, OutputStream out, String sourceName) throws IOException {
        return rewrite(in, out, sourceName, new DumpDefinitions());
    }

    /**
     * The same, knowing beforehand what the dump defines (from {@link DumpDefinitions#scan} over a
     * file): a reference to a user object that is defined after its first use then never moves.
     */
    public RewriteReport rewrite(InputStream in, OutputStream out, String sourceName, DumpDefinitions definitions)
            throws IOException {
        return rewrite(in, out, sourceName, definitions, null);
    }

    /**
     * The same, recording in {@code lines} where output lines differ from input lines, so a
     * consumer of the output (the restore engine) can report errors at the input's lines.
     */
    public RewriteReport rewrite(InputStream in, OutputStream out, String sourceName, DumpDefinitions definitions,
                                 LineMap lines) throws IOException {
        return new StreamRewriter(options).run(in, out, sourceName, definitions, lines);
    }

    /** Reads the whole input and reports, without writing anything; {@link RewriteReport#findings()} are the failures. */
    public RewriteReport check(InputStream in, String sourceName) throws IOException {
        return check(in, sourceName, new DumpDefinitions());
    }

    /** {@link #check(InputStream, String)} knowing beforehand what the dump defines. */
    public RewriteReport check(InputStream in, String sourceName, DumpDefinitions definitions) throws IOException {
        return rewrite(in, OutputStream.nullOutputStream(), sourceName, definitions);
    }

    /** The same rules over SQL held as a string (UTF-8), e.g. one TOC entry's definition. */
    public SqlRewrite rewriteSql(String sql, String sourceName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sql.length() + 64);
        try {
            RewriteReport report = rewrite(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)), out, sourceName);
            return new SqlRewrite(out.toString(StandardCharsets.UTF_8), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /** A rewritten SQL string and what changed in it. */
    public record SqlRewrite(String sql, RewriteReport report) {
    }
}
