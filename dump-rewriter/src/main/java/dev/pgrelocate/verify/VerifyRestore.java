package dev.pgrelocate.verify;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.restore.RestoreEngine;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.restore.RestoreSummary;
import dev.pgrelocate.restore.RewriteAndRestore;
import dev.pgrelocate.restore.RewrittenArchiveRestore;
import dev.pgrelocate.restore.TargetDatabase;
import dev.pgrelocate.archive.DumpFormat;
import dev.pgrelocate.restore.TargetDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import dev.pgrelocate.files.InputFormat;
import dev.pgrelocate.restore.RestoreProgress;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.write.LineMap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Proves that a dump restores on its target platform before anyone touches production: starts a
 * throwaway embedded PostgreSQL of the dump's major version, sets it up like the preset's
 * {@link Platform}, restores the rewritten dump into it as a non-superuser that owns the database
 * (rewrite and restore in one pass, {@link RewriteAndRestore}), and always stops the server and
 * deletes its data directory.
 *
 * <pre>{@code
 * VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.HEROKU)).run(Path.of("dump.sql"));
 * }</pre>
 *
 * A failing statement throws {@link dev.pgrelocate.restore.RestoreException} (exit 1) with the
 * server's message and the line; a dump that creates PostGIS, a major without binaries or a missing
 * binaries jar throw {@link PgRelocateException} (exit 2) before any server starts.
 */
public final class VerifyRestore {

    /** The non-superuser LOGIN role that owns the database and restores. */
    public static final String RESTORER = "app";
    public static final String DATABASE = "verify";
    private static final String SUPERUSER = "postgres";

    /** Something to look at in the restored database before the server goes, as a superuser. */
    @FunctionalInterface
    public interface Inspection {
        void inspect(Connection superuser) throws SQLException;
    }

    /** What happened: the rewrite report (null when the dump was restored unchanged), the restore summary. */
    public record Result(RewriteReport report, RestoreSummary summary, int pgMajor, Platform platform) {
    }

    private final RewriteOptions rewriteOptions;
    private final Platform platform;
    private Integer pgMajor;
    private PgBinaries binaries = PgBinaries.local();
    private Inspection inspection;
    private RestoreOptions restoreOptions = RestoreOptions.defaults();
    private RestoreProgress progress = RestoreProgress.NONE;
    private Duration progressInterval = Duration.ofSeconds(1);
    private volatile Path lastDataDirectory;
    private int jobs = 1;

    /** Verifies for the platform of {@code rewriteOptions}' preset. */
    public VerifyRestore(RewriteOptions rewriteOptions) {
        this(rewriteOptions, Platform.of(rewriteOptions.preset()));
    }

    public VerifyRestore(RewriteOptions rewriteOptions, Platform platform) {
        this.rewriteOptions = rewriteOptions;
        this.platform = platform;
    }

    /** The PostgreSQL major to run instead of the dump's own. */
    public VerifyRestore pgMajor(Integer major) {
        this.pgMajor = major;
        return this;
    }

    /** Where the binaries come from (default {@link PgBinaries#local()}). */
    public VerifyRestore binaries(PgBinaries binaries) {
        this.binaries = binaries;
        return this;
    }

    /**
     * How the restore runs (default {@link RestoreOptions#defaults()}): pre- and post-SQL, continue-on-error,
     * single-transaction. The target is always a new, empty database, so clean, force and allow-connect change nothing.
     */
    public VerifyRestore restoreOptions(RestoreOptions options) {
        this.restoreOptions = options;
        return this;
    }

    /** Reports the restore's progress to {@code listener} at most once per {@code interval}, and at the end. */
    public VerifyRestore progress(RestoreProgress listener, Duration interval) {
        this.progress = listener;
        this.progressInterval = interval;
        return this;
    }

    /** Connections for an archive's data and post-data entries (like pg_restore -j); scripts use one. */
    public VerifyRestore jobs(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        this.jobs = jobs;
        return this;
    }

    /** Runs {@code inspection} on the restored database before the server stops. */
    public VerifyRestore inspect(Inspection inspection) {
        this.inspection = inspection;
        return this;
    }

    /** The data directory of the last server this instance started (deleted by the time a run returns). */
    public Path lastDataDirectory() {
        return lastDataDirectory;
    }

    /** The major {@link #run} would start for {@code dump}: --pg-version, else the dump's header, else the default. */
    public int majorFor(DumpHeader header) {
        if (pgMajor != null) {
            return pgMajor;
        }
        return header.major().orElse(binaries.defaultMajor());
    }

    /** Rewrites {@code dump} with the options and restores it on the platform. */
    public Result run(Path dump) throws IOException {
        if (isArchive(dump)) {
            return runArchive(dump, dump.toString());
        }
        FileRewriter rewriter = new FileRewriter(new Rewriter(rewriteOptions));
        LineMap lines = new LineMap();
        return run(dump, dump.toString(), out -> rewriter.rewrite(dump, out, lines), lines);
    }

    /**
     * Rewrites and restores {@code dump}, naming it {@code source} in the report and in errors (a
     * spooled copy of stdin, say).
     */
    public Result run(Path dump, String source) throws IOException {
        if (isArchive(dump)) {
            return runArchive(dump, source);
        }
        Rewriter rewriter = new Rewriter(rewriteOptions);
        LineMap lines = new LineMap();
        return run(dump, source, out -> {
            DumpDefinitions definitions;
            try (InputStream in = InputFormat.openScript(Files.newInputStream(dump), source)) {
                definitions = DumpDefinitions.scan(in, source);
            }
            try (InputStream in = InputFormat.openScript(Files.newInputStream(dump), source)) {
                return rewriter.rewrite(in, out, source, definitions, lines);
            }
        }, lines);
    }

    /**
     * The same for a script read from a stream (stdin): it is spooled to a temporary file first (the
     * header decides the server before the rewrite reads the script twice), deleted afterwards;
     * reports and errors name it {@code source}.
     */
    public Result run(InputStream script, String source) throws IOException {
        Path spool = Files.createTempFile("pgrelocate-verify-", ".sql");
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                script.transferTo(out);
            }
            return run(spool, source);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Restores what {@code step} writes for {@code dump} (its header decides the server) on the
     * platform; {@code out -> { Files.copy(dump, out); return null; }} restores the dump unchanged.
     */
    public Result run(Path dump, RewriteAndRestore.RewriteStep step) throws IOException {
        return run(dump, dump.toString(), step, null);
    }

    /** An archive: its TOC rewritten in memory and restored with its data, on {@link #jobs} connections. */
    private Result runArchive(Path dump, String source) throws IOException {
        return run(dump, (engine, target) -> RewrittenArchiveRestore.run(dump, source, rewriteOptions, engine, target,
                restoreOptions, jobs));
    }

    private static boolean isArchive(Path dump) throws IOException {
        return Files.exists(dump) && DumpFormat.detect(dump).isArchive();
    }

    private Result run(Path dump, String source, RewriteAndRestore.RewriteStep step, LineMap lines) throws IOException {
        return run(dump, (engine, target) -> lines == null ? RewriteAndRestore.run(step, engine, source)
                : RewriteAndRestore.run(step, engine, source, lines));
    }

    /** Restores into the throwaway server's database, through {@code engine} or by itself. */
    private interface RestoreAction {
        RewriteAndRestore.Result restore(RestoreEngine engine, TargetDatabase target) throws IOException;
    }

    private Result run(Path dump, RestoreAction action) throws IOException {
        if (!isArchive(dump) && (!Files.isRegularFile(dump) || !Files.isReadable(dump))) {
            throw new PgRelocateException("cannot read " + dump + ": "
                    + (Files.exists(dump) ? "not a readable file" : "no such file"), PgRelocateException.EXIT_BAD_INPUT);
        }
        DumpHeader header = DumpHeader.read(dump);
        if (header.postgisExtension().isPresent()) {
            throw new PgRelocateException("pgrelocate: " + dump + " creates extension " + header.postgisExtension().get()
                    + ", and the embedded PostgreSQL servers of verify-restore do not include PostGIS;"
                    + " verify it with pgrelocate restore into a server that has PostGIS", PgRelocateException.EXIT_USAGE);
        }
        int major = majorFor(header);
        PgBinaryResolver resolver = binaries.resolver(major);
        Path dataDirectory = Files.createTempDirectory("pgrelocate-verify-");
        lastDataDirectory = dataDirectory;
        EmbeddedPostgres postgres = null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("fsync", "off");
            if (resolver != null) {
                builder.setPgBinaryResolver(resolver);
            }
            postgres = builder.start();
            prepare(postgres);
            TargetDatabase target = TargetDatabase.of("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE
                    + "?user=" + RESTORER);
            RestoreEngine engine = new RestoreEngine(target, restoreOptions)
                    .progress(progress, isArchive(dump) ? -1 : InputFormat.scriptSize(dump), progressInterval);
            RewriteAndRestore.Result result = action.restore(engine, target);
            if (inspection != null) {
                try (Connection superuser = postgres.getDatabase(SUPERUSER, DATABASE).getConnection()) {
                    inspection.inspect(superuser);
                }
            }
            return new Result(result.report(), result.summary(), major, platform);
        } catch (SQLException e) {
            throw new PgRelocateException("pgrelocate: cannot set up the embedded PostgreSQL " + major + ": " + e.getMessage(),
                    PgRelocateException.EXIT_DATABASE, e);
        } finally {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the directory is deleted below all the same
                }
            }
            deleteRecursively(dataDirectory);
        }
    }

    private void prepare(EmbeddedPostgres postgres) throws SQLException {
        try (Connection superuser = postgres.getPostgresDatabase().getConnection();
                Statement statement = superuser.createStatement()) {
            statement.execute("CREATE ROLE " + RESTORER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + RESTORER);
        }
        try (Connection superuser = postgres.getDatabase(SUPERUSER, DATABASE).getConnection()) {
            platform.prepare(superuser, RESTORER);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

}
