package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.restore.RestoreException;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.restore.RestoreSummary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code restore} and {@code verify-restore} share: one input (rewritten on the fly with the
 * rule parameters), the restore flags, the summary in the log, and a failed restore as a build
 * failure naming the server's message, SQLSTATE and the input's line.
 */
abstract class AbstractRestoreMojo extends AbstractPgRelocateMojo {

    /** What {@link #process} did, for {@link #conclude}. */
    record Outcome(RewriteReport report, RestoreSummary summary) {
    }

    /**
     * The dump to restore: a plain pg_dump or structure.sql (also gzip- or zstd-compressed), or a
     * pg_dump archive (custom file, directory, tar: its TOC is rewritten in memory and restored with
     * its data, no pg_restore needed); {@code -} reads a script from standard input. Relative to the
     * project directory.
     *
     * <p>Default: the one file {@code <includes>} matches ({@code db/structure.sql} by default); more
     * than one is an error. Command line: {@code -Dpgrelocate.input=backups/latest.sql.gz}.
     * <pre>&lt;input&gt;db/structure.sql&lt;/input&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "input")
    String input;

    /**
     * Restore in one transaction: a failure rolls everything back, pre- and post-SQL included.
     * Excludes {@code <continueOnError>}.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.singleTransaction=true}.
     * <pre>&lt;singleTransaction&gt;true&lt;/singleTransaction&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "singleTransaction", defaultValue = "false")
    boolean singleTransaction;

    /**
     * Run on after a failing statement and report every failure (like psql without ON_ERROR_STOP); the
     * build still fails when any statement failed.
     *
     * <p>Default {@code false}: stop at the first error. Command line: {@code -Dpgrelocate.continueOnError=true}.
     * <pre>&lt;continueOnError&gt;true&lt;/continueOnError&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "continueOnError", defaultValue = "false")
    boolean continueOnError;

    /**
     * SQL run before the dump, each entry a file (relative to the project) or the SQL itself, such as
     * turning pgaudit off.
     *
     * <p>Default: none. Command line, comma-separated: {@code -Dpgrelocate.preSql=db/pre-restore.sql}.
     * <pre>&lt;preSql&gt;&lt;preSql&gt;SET pgaudit.log = 'none'&lt;/preSql&gt;&lt;/preSql&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "preSql")
    List<String> preSql;

    /**
     * SQL run after the dump, each entry a file (relative to the project) or the SQL itself.
     *
     * <p>Default: none. Command line, comma-separated: {@code -Dpgrelocate.postSql=db/post-restore.sql}.
     * <pre>&lt;postSql&gt;&lt;postSql&gt;ANALYZE&lt;/postSql&gt;&lt;/postSql&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "postSql")
    List<String> postSql;

    /**
     * Connections that restore an archive's data, indexes and constraints in parallel, in an order
     * that respects the TOC's dependencies (what {@code pg_restore -j} does). Archives only: a plain
     * script is restored on one connection, and more than one job with a script fails the build.
     *
     * <p>Default {@code 1}. Command line: {@code -Dpgrelocate.jobs=4}.
     * <pre>&lt;jobs&gt;4&lt;/jobs&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "jobs", defaultValue = "1")
    int jobs = 1;

    private RewriteOptions rewriteOptions;
    private Outcome outcome;
    private RestoreException failure;

    @Override
    RewriteOptions rewriteOptions() throws MojoFailureException {
        rewriteOptions = super.rewriteOptions();
        return rewriteOptions;
    }

    RewriteOptions options() {
        return rewriteOptions;
    }

    @Override
    void checkGoalParameters() throws MojoFailureException {
        if (singleTransaction && continueOnError) {
            throw new MojoFailureException("<singleTransaction> and <continueOnError> exclude each other; set one (-D"
                    + PREFIX + "singleTransaction, -D" + PREFIX + "continueOnError)");
        }
    }

    /** The restore options the parameters give, plus the goal's own ({@code clean}, {@code force}, ...). */
    RestoreOptions.Builder restoreOptions() throws MojoFailureException {
        RestoreOptions.Builder builder = RestoreOptions.builder()
                .singleTransaction(singleTransaction)
                .continueOnError(continueOnError);
        for (String sql : nonBlank(preSql)) {
            builder.preSql(sqlOrFile(sql, "preSql"));
        }
        for (String sql : nonBlank(postSql)) {
            builder.postSql(sqlOrFile(sql, "postSql"));
        }
        return builder;
    }

    private String sqlOrFile(String value, String parameter) throws MojoFailureException {
        try {
            Path path = basedir == null ? Path.of(value) : basedir.toPath().resolve(value);
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
        } catch (InvalidPathException e) {
            // SQL, not a path
        } catch (IOException e) {
            throw new MojoFailureException("cannot read <" + parameter + "> file " + value + ": " + describe(e), e);
        }
        return value;
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    /** {@code <input>} when given ({@code -} for stdin), else exactly one file of the includes. */
    @Override
    List<InputFile> inputFiles() throws MojoExecutionException, MojoFailureException {
        if (input != null && !input.isBlank()) {
            String given = input.trim();
            if (given.equals("-")) {
                return List.of(new InputFile(null, "<stdin>"));
            }
            Path path = basedir == null ? Path.of(given) : basedir.toPath().resolve(given);
            if (!Files.isDirectory(path) && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
                throw new MojoFailureException("cannot read " + display(path) + ": "
                        + (Files.exists(path) ? "not a readable file" : "no such file") + "; fix <input> or -D" + PREFIX + "input");
            }
            return List.of(new InputFile(path, display(path)));
        }
        List<InputFile> found = super.inputFiles();
        if (found.size() > 1) {
            throw new MojoFailureException("pgrelocate:" + goal() + " restores one file, but the includes match "
                    + found.size() + " (" + String.join(", ", found.stream().map(InputFile::relativePath).toList())
                    + "); set <input> or -D" + PREFIX + "input");
        }
        return found;
    }

    @Override
    final RewriteReport process(FileRewriter rewriter, List<InputFile> inputs) throws IOException {
        outcome = null;
        failure = null;
        try {
            outcome = restore(rewriter, inputs.get(0));
            return outcome.report() == null ? new RewriteReport() : outcome.report();
        } catch (RestoreException e) {
            if (e.exitCode() == PgRelocateException.EXIT_BAD_INPUT) {
                throw e; // a script the engine does not run: the user's to fix, as for the other goals
            }
            failure = e;
            return new RewriteReport();
        }
    }

    /** Restores {@code input} ({@code path} null: stdin). A failed restore throws {@link RestoreException}. */
    abstract Outcome restore(FileRewriter rewriter, InputFile input) throws IOException;

    /** Where the restore went, for the last log line. */
    abstract String successLine(Outcome outcome);

    @Override
    final void conclude(RewriteReport result, RewriteOptions options) throws MojoFailureException {
        if (failure != null) {
            RestoreSummary partial = failure.summary();
            if (partial != null && (partial.statements() > 0 || !partial.tables().isEmpty())) {
                logLines(partial.toText());
            }
            // a failing statement, a non-empty or unreachable target: all the user's to fix (data, URL, credentials)
            throw new MojoFailureException("pgrelocate:" + goal() + ": " + failure.getMessage(), failure);
        }
        RestoreSummary summary = outcome.summary();
        logLines(summary.toText());
        if (summary.failures() > 0) {
            throw new MojoFailureException("pgrelocate:" + goal() + ": " + summary.failures()
                    + (summary.failures() == 1 ? " statement" : " statements") + " failed; the first: "
                    + summary.errors().get(0).describe());
        }
        getLog().info("pgrelocate:" + goal() + ": " + successLine(outcome));
    }

    private void logLines(String text) {
        for (String line : text.split("\\R")) {
            getLog().info(line);
        }
    }
}
