package dev.pgrelocate.cli;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.restore.RestoreOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a restore runs, shared by {@code restore} and {@code verify-restore} (a picocli mixin). */
final class RestoreFlags {

    @Option(names = "--single-transaction", description = "Restore in one transaction; roll everything back on failure.")
    boolean singleTransaction;

    @Option(names = "--continue-on-error", description = "Run on after failing statements, report them all, exit 1.")
    boolean continueOnError;

    @Option(names = "--pre-sql", paramLabel = "FILE|SQL", description = "SQL run before the dump: a file, or the SQL itself. Repeatable.")
    List<String> preSql = new ArrayList<>();

    @Option(names = "--post-sql", paramLabel = "FILE|SQL", description = "SQL run after the dump: a file, or the SQL itself. Repeatable.")
    List<String> postSql = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Restore an archive on N connections: data and post-data entries in dependency order, like"
                    + " pg_restore -j. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = "--no-progress", description = "No progress bar (there is one only when the output is a terminal).")
    boolean noProgress;

    /** The options these flags set, checked; the caller adds what only it has (clean, force, ...). */
    RestoreOptions.Builder toOptions() {
        if (singleTransaction && continueOnError) {
            throw new PgRelocateException("--single-transaction and --continue-on-error exclude each other",
                    PgRelocateException.EXIT_USAGE);
        }
        if (jobs < 1) {
            throw new PgRelocateException("--jobs must be at least 1", PgRelocateException.EXIT_USAGE);
        }
        RestoreOptions.Builder options = RestoreOptions.builder()
                .singleTransaction(singleTransaction)
                .continueOnError(continueOnError);
        preSql.forEach(s -> options.preSql(sqlOrFile(s, "--pre-sql")));
        postSql.forEach(s -> options.postSql(sqlOrFile(s, "--post-sql")));
        return options;
    }

    /** An existing file's content, else the argument itself as SQL. */
    static String sqlOrFile(String value, String option) {
        try {
            Path path = Path.of(value);
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
        } catch (InvalidPathException e) {
            // not a path: SQL
        } catch (IOException e) {
            throw new PgRelocateException("cannot read " + option + " file " + value + ": " + e.getMessage(),
                    PgRelocateException.EXIT_BAD_INPUT, e);
        }
        return value;
    }
}
