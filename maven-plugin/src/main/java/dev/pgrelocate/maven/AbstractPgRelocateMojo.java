package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.catalog.ExtensionCatalog;
import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.db.LiveCatalog;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.Diagnostic;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.statement.DumpSyntaxException;
import dev.pgrelocate.write.AtomicFileOutput;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every pgrelocate goal shares: the input files, the rule parameters, the report, skipping,
 * and how failures reach Maven. A goal implements {@link #process} (and optionally
 * {@link #conclude}); {@link #execute()} is final so that no goal can skip the common handling.
 *
 * <p>Failure mapping: anything the user fixes in the input or the POM (malformed SQL, statements
 * {@code check} finds, a bad parameter) is a {@link MojoFailureException} naming the file position or
 * the POM element and {@code -D} property; I/O trouble is a {@link MojoExecutionException}. The cause
 * is always kept. Other runtime exceptions are bugs and are left to Maven with their stack trace.
 */
public abstract class AbstractPgRelocateMojo extends AbstractMojo {

    /** Prefix of every user property this plugin reads. */
    static final String PREFIX = "pgrelocate.";

    /** What {@code <includes>} means when it is not set: a Rails structure.sql and Flyway-style migrations. */
    static final List<String> DEFAULT_INCLUDES = List.of("db/structure.sql", "src/main/resources/db/migration/**/*.sql");

    static final String REPORT_TEXT = "text";
    static final String REPORT_JSON = "json";

    // ------------------------------------------------------------------ input

    /**
     * The directory {@code <includes>} and {@code <excludes>} are relative to.
     *
     * <p>Default {@code ${project.basedir}}. Command line: {@code -Dpgrelocate.directory=target/pgrelocate}.
     * <pre>&lt;directory&gt;${project.build.directory}/pgrelocate&lt;/directory&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "directory", defaultValue = "${project.basedir}")
    File directory;

    /**
     * Ant-style patterns of the files to work on, relative to {@code <directory>}: {@code *} stays within
     * one directory, {@code **} spans any number of them.
     *
     * <p>Default: {@code db/structure.sql} (Rails) and <code>src/main/resources/db/migration/**&#47;*.sql</code>
     * (Flyway's default location). Files under {@code ${project.build.directory}} are never picked up unless
     * {@code <directory>} is itself inside it. Command line, comma-separated:
     * {@code -Dpgrelocate.includes=db/structure.sql,backups/*.sql}.
     * <pre>
     * &lt;includes&gt;
     *   &lt;include&gt;db/structure.sql&lt;/include&gt;
     *   &lt;include&gt;backups/*.sql&lt;/include&gt;
     * &lt;/includes&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "includes")
    List<String> includes;

    /**
     * Ant-style patterns of files to leave out, even when an include matches them.
     *
     * <p>Default: none. Command line, comma-separated: <code>-Dpgrelocate.excludes=**&#47;V1__baseline.sql</code>.
     * <pre>
     * &lt;excludes&gt;
     *   &lt;exclude&gt;src/main/resources/db/migration/V1__baseline.sql&lt;/exclude&gt;
     * &lt;/excludes&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "excludes")
    List<String> excludes;

    /**
     * Fail the build when no file matches {@code <includes>}; otherwise the goal logs a warning and does
     * nothing.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.failIfNoFiles=true}.
     * <pre>&lt;failIfNoFiles&gt;true&lt;/failIfNoFiles&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "failIfNoFiles", defaultValue = "false")
    boolean failIfNoFiles;

    // ------------------------------------------------------------------ rules

    /**
     * The trip the files are prepared for: {@code heroku} (extensions from every schema into
     * {@code heroku_ext}), {@code heroku-exit} (from {@code heroku_ext} back to {@code public}) or
     * {@code supabase} (from every schema into {@code extensions}). The other rule parameters override
     * single parts of it.
     *
     * <p>Default {@code heroku}. Command line: {@code -Dpgrelocate.preset=heroku-exit}.
     * <pre>&lt;preset&gt;heroku-exit&lt;/preset&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "preset", defaultValue = "heroku")
    String preset;

    /**
     * The schemas whose extensions move; {@code *} means every schema but the target.
     *
     * <p>Default: the preset's ({@code *} for heroku and supabase, {@code heroku_ext} for heroku-exit).
     * Command line, comma-separated: {@code -Dpgrelocate.sourceSchemas=public,shared}.
     * <pre>
     * &lt;sourceSchemas&gt;
     *   &lt;sourceSchema&gt;public&lt;/sourceSchema&gt;
     * &lt;/sourceSchemas&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "sourceSchemas")
    List<String> sourceSchemas;

    /**
     * The schema the extensions move to.
     *
     * <p>Default: the preset's ({@code heroku_ext}, {@code public} or {@code extensions}). Command line:
     * {@code -Dpgrelocate.targetSchema=extensions}.
     * <pre>&lt;targetSchema&gt;extensions&lt;/targetSchema&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "targetSchema")
    String targetSchema;

    /**
     * Extensions to leave where they are, in addition to {@code plpgsql}, {@code postgis_topology} and
     * {@code postgis_tiger_geocoder} (see {@code <excludeDefaultExtensions>}).
     *
     * <p>Default: none. Command line, comma-separated: {@code -Dpgrelocate.excludeExtensions=postgis,vector}.
     * <pre>
     * &lt;excludeExtensions&gt;
     *   &lt;excludeExtension&gt;postgis&lt;/excludeExtension&gt;
     * &lt;/excludeExtensions&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "excludeExtensions")
    List<String> excludeExtensions;

    /**
     * Whether {@code plpgsql}, {@code postgis_topology} and {@code postgis_tiger_geocoder} stay where they
     * are (Heroku exempts them). Set it to {@code false} to move them too.
     *
     * <p>Default {@code true}. Command line: {@code -Dpgrelocate.excludeDefaultExtensions=false}.
     * <pre>&lt;excludeDefaultExtensions&gt;false&lt;/excludeDefaultExtensions&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "excludeDefaultExtensions", defaultValue = "true")
    boolean excludeDefaultExtensions;

    /**
     * Whether the platform owns the target schema, so that statements a restoring user may not run on it
     * ({@code DROP SCHEMA}, {@code ALTER SCHEMA ... OWNER TO}, {@code COMMENT ON SCHEMA}, {@code GRANT} and
     * {@code REVOKE} on it) are removed, and {@code check} reports extensions outside it.
     *
     * <p>Default: the preset's ({@code true} for heroku and supabase, {@code false} for heroku-exit).
     * Command line: {@code -Dpgrelocate.targetOwnedByPlatform=false}.
     * <pre>&lt;targetOwnedByPlatform&gt;false&lt;/targetOwnedByPlatform&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "targetOwnedByPlatform")
    Boolean targetOwnedByPlatform;

    /**
     * Remove pg_dump's <code>&#92;restrict KEY</code> / <code>&#92;unrestrict KEY</code> lines (written since pg_dump 17.6,
     * 16.10, 15.14, 14.19 and 13.22), which only psql understands: set it when the files are run by JDBC,
     * Flyway or an older psql.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.stripRestrict=true}.
     * <pre>&lt;stripRestrict&gt;true&lt;/stripRestrict&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "stripRestrict", defaultValue = "false")
    boolean stripRestrict;

    /**
     * Create an extension the files use but never create (what {@code pg_dump -n} and Rails with
     * {@code schema_search_path} write) in the target schema, right before its first use; without
     * it such a file gets a warning naming the extension.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.ensureExtensions=true}.
     * <pre>&lt;ensureExtensions&gt;true&lt;/ensureExtensions&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "ensureExtensions", defaultValue = "false")
    boolean ensureExtensions;

    /**
     * A database to read extension members from, for extensions the built-in catalog (PostgreSQL
     * 13-17 contrib and PostGIS 3) does not know: {@code jdbc:postgresql://host:5432/db?user=u} or
     * {@code postgres://user:password@host:5432/db}. The password is never logged.
     *
     * <p>Default: none. Command line: {@code -Dpgrelocate.catalogUrl=postgres://app@localhost/app_dev}.
     * <pre>&lt;catalogUrl&gt;jdbc:postgresql://localhost:5432/app_dev?user=app&lt;/catalogUrl&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "catalogUrl")
    String catalogUrl;

    /**
     * Drop {@code ALTER ... OWNER TO}, {@code SET SESSION AUTHORIZATION} and CREATE SCHEMA's
     * {@code AUTHORIZATION}, like {@code pg_restore --no-owner}: the restoring role owns everything.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.noOwner=true}.
     * <pre>&lt;noOwner&gt;true&lt;/noOwner&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "noOwner", defaultValue = "false")
    boolean noOwner;

    /**
     * Drop {@code GRANT}, {@code REVOKE} and {@code ALTER DEFAULT PRIVILEGES}, like
     * {@code pg_restore --no-acl}.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.noAcl=true}.
     * <pre>&lt;noAcl&gt;true&lt;/noAcl&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "noAcl", defaultValue = "false")
    boolean noAcl;

    /**
     * Roles to rename wherever the files name them (owners, grants, policies, AUTHORIZATION), each
     * as {@code old=new}.
     *
     * <p>Default: none. Command line: {@code -Dpgrelocate.mapRoles=app_owner=application,app_reader=reader}.
     * <pre>&lt;mapRoles&gt;&lt;mapRole&gt;app_owner=application&lt;/mapRole&gt;&lt;/mapRoles&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "mapRoles")
    List<String> mapRoles;

    /**
     * Drop {@code CREATE EVENT TRIGGER} and its comment and owner: managed platforms refuse it from
     * anyone but a superuser.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.noEventTriggers=true}.
     * <pre>&lt;noEventTriggers&gt;true&lt;/noEventTriggers&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "noEventTriggers", defaultValue = "false")
    boolean noEventTriggers;

    /**
     * Drop {@code COMMENT ON EXTENSION} for extensions the restoring role will not own (the excluded
     * ones, and those the file does not create, plpgsql above all).
     *
     * <p>Default: the preset's ({@code true} for heroku). Command line:
     * {@code -Dpgrelocate.dropExtensionComments=false}.
     * <pre>&lt;dropExtensionComments&gt;false&lt;/dropExtensionComments&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "dropExtensionComments")
    Boolean dropExtensionComments;

    // ------------------------------------------------------------------ report

    /**
     * The format of the report file: {@code text} (counts per rule, then every change and warning with
     * its {@code file:line:column}) or {@code json}. The build log always gets the counts and the warnings.
     *
     * <p>Default {@code text}. Command line: {@code -Dpgrelocate.report=json}.
     * <pre>&lt;report&gt;json&lt;/report&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "report", defaultValue = REPORT_TEXT)
    String report;

    /**
     * Where to write the report. Without it a {@code text} report is not written anywhere (the log has the
     * summary), and a {@code json} report goes to
     * <code>${project.build.directory}/pgrelocate/&lt;goal&gt;-report.json</code> ({@code rewrite-report.json},
     * {@code check-report.json}).
     *
     * <p>Default: none for {@code text}, the path above for {@code json}. Command line:
     * {@code -Dpgrelocate.reportFile=target/pgrelocate.txt}.
     * <pre>&lt;reportFile&gt;${project.build.directory}/pgrelocate-report.json&lt;/reportFile&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "reportFile")
    File reportFile;

    // ------------------------------------------------------------------ skipping

    /**
     * Skip every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.skip=true}.
     * <pre>&lt;skip&gt;true&lt;/skip&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "skip", defaultValue = "false")
    boolean skip;

    // ------------------------------------------------------------------ project

    /** The project's directory, for shorter paths in the log. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** {@code ${project.build.directory}}: never scanned from outside, home of the default report. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    // ------------------------------------------------------------------ life-cycle

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pgrelocate:" + goal() + " (" + PREFIX + "skip=true)");
            return;
        }
        if (goalSkipped()) {
            getLog().info("Skipping pgrelocate:" + goal() + " (" + goalSkipProperty() + "=true)");
            return;
        }
        RewriteOptions options = rewriteOptions();
        String reportFormat = reportFormat();
        checkGoalParameters();
        List<InputFile> inputs = inputFiles();
        if (inputs.isEmpty()) {
            noInputFiles();
            return;
        }
        getLog().debug("pgrelocate:" + goal() + " options: " + options);
        RewriteReport result;
        try {
            result = process(new FileRewriter(new Rewriter(options), basedir == null ? null : basedir.toPath()), inputs);
        } catch (DumpSyntaxException e) {
            // Already "file:line:column: error: ..." plus a hint: nothing to add.
            throw new MojoFailureException(e.getMessage(), e);
        } catch (PgRelocateException e) {
            if (isUsersToFix(e)) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw ioFailure(e);
        } catch (UncheckedIOException e) {
            throw ioFailure(e.getCause());
        }
        logSummary(result, inputs.size());
        writeReportFile(result, reportFormat);
        conclude(result, options);
    }

    /** The goal's name, for log lines and messages: {@code rewrite}, {@code check}. */
    abstract String goal();

    /** The goal's own skip flag ({@code pgrelocate.<goal>.skip}). */
    abstract boolean goalSkipped();

    abstract String goalSkipProperty();

    /** Rejects a bad combination of the goal's own parameters before any file is touched. */
    void checkGoalParameters() throws MojoFailureException {
    }

    /** Does the goal's work on every input and returns one report for all of them. */
    abstract RewriteReport process(FileRewriter rewriter, List<InputFile> inputs) throws IOException;

    /** Decides the outcome once the report is logged and written; {@code check} fails here. */
    void conclude(RewriteReport result, RewriteOptions options) throws MojoFailureException {
    }

    // ------------------------------------------------------------------ parameters

    /** Maps the rule parameters onto the engine's options; a bad value names its POM element and property. */
    RewriteOptions rewriteOptions() throws MojoFailureException {
        Preset chosen;
        try {
            chosen = Preset.fromName(preset == null ? Preset.HEROKU.cliName() : preset);
        } catch (PgRelocateException e) {
            throw new MojoFailureException(e.getMessage() + "; fix <preset> or -D" + PREFIX + "preset", e);
        }
        try {
            RewriteOptions.Builder builder = RewriteOptions.builder()
                    .preset(chosen)
                    .sourceSchemas(trimmed(sourceSchemas))
                    .targetSchema(targetSchema == null ? null : targetSchema.trim())
                    .exclude(trimmed(excludeExtensions))
                    .defaultExcludes(excludeDefaultExtensions)
                    .targetOwnedByPlatform(targetOwnedByPlatform)
                    .stripRestrict(stripRestrict)
                    .ensureExtensions(ensureExtensions)
                    .catalog(liveCatalog())
                    .noOwner(noOwner)
                    .noAcl(noAcl)
                    .noEventTriggers(noEventTriggers)
                    .dropExtensionComments(dropExtensionComments);
            for (String mapping : trimmed(mapRoles)) {
                try {
                    builder.mapRole(mapping);
                } catch (PgRelocateException e) {
                    throw new MojoFailureException(e.getMessage() + "; fix <mapRoles> (-D" + PREFIX + "mapRoles)", e);
                }
            }
            return builder.build();
        } catch (PgRelocateException e) {
            // The engine cannot say which option it objects to, so name every one that takes part.
            throw new MojoFailureException("invalid rule parameters: " + e.getMessage() + "; check <preset> (-D"
                    + PREFIX + "preset=" + chosen.cliName() + "), <sourceSchemas> (-D" + PREFIX + "sourceSchemas="
                    + String.join(",", sourceSchemasOrPreset(chosen)) + ") and <targetSchema> (-D" + PREFIX
                    + "targetSchema=" + (targetSchema == null ? chosen.targetSchema() : targetSchema) + ")", e);
        }
    }

    /** The members of {@code <catalogUrl>}'s extensions, or null; its errors name the parameter, never the password. */
    private ExtensionCatalog liveCatalog() throws MojoFailureException {
        if (catalogUrl == null || catalogUrl.isBlank()) {
            return null;
        }
        try {
            return LiveCatalog.read(ConnectionUrl.parse(catalogUrl.trim()));
        } catch (PgRelocateException e) {
            throw new MojoFailureException(e.getMessage() + "; fix <catalogUrl> (-D" + PREFIX + "catalogUrl)", e);
        }
    }

    private List<String> sourceSchemasOrPreset(Preset chosen) {
        List<String> given = trimmed(sourceSchemas);
        return given.isEmpty() ? chosen.sourceSchemas() : given;
    }

    private static List<String> trimmed(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
    }

    String reportFormat() throws MojoFailureException {
        String format = report == null ? REPORT_TEXT : report.trim().toLowerCase(Locale.ROOT);
        if (!format.equals(REPORT_TEXT) && !format.equals(REPORT_JSON)) {
            throw new MojoFailureException("unknown report format '" + report + "': expected text or json; fix <report> or -D"
                    + PREFIX + "report");
        }
        return format;
    }

    List<String> effectiveIncludes() {
        List<String> given = trimmed(includes);
        return given.isEmpty() ? DEFAULT_INCLUDES : given;
    }

    /** Directories a scan must not enter; {@link InputFiles} ignores the ones that contain the scan root. */
    List<Path> ignoredDirectories() {
        return buildDirectory == null ? List.of() : List.of(buildDirectory.toPath());
    }

    /** The files {@link #process} gets: those {@code <includes>} match (a goal may narrow them down). */
    List<InputFile> inputFiles() throws MojoExecutionException, MojoFailureException {
        try {
            return InputFiles.scan(directory.toPath(), effectiveIncludes(), trimmed(excludes), ignoredDirectories());
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    private void noInputFiles() throws MojoFailureException {
        String message = "no file in " + directory + " matches the includes " + effectiveIncludes()
                + (trimmed(excludes).isEmpty() ? "" : " (excludes " + trimmed(excludes) + ")")
                + "; set <directory>/<includes> (-D" + PREFIX + "directory, -D" + PREFIX + "includes)";
        if (failIfNoFiles) {
            throw new MojoFailureException(message + ", or <failIfNoFiles>false</failIfNoFiles> to let the build go on");
        }
        getLog().warn("pgrelocate:" + goal() + ": " + message);
    }

    // ------------------------------------------------------------------ report

    private void writeReportFile(RewriteReport result, String format) throws MojoExecutionException {
        File target = reportFile;
        if (target == null && format.equals(REPORT_JSON)) {
            target = new File(new File(buildDirectory, "pgrelocate"), goal() + "-report.json");
        }
        if (target == null) {
            return;
        }
        String text = format.equals(REPORT_JSON) ? result.toJson() : result.toText();
        try (AtomicFileOutput out = new AtomicFileOutput(target.toPath())) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        } catch (IOException e) {
            throw ioFailure(e);
        }
        getLog().info("pgrelocate:" + goal() + ": report written to " + display(target.toPath()));
    }

    private void logSummary(RewriteReport result, int files) {
        Log log = getLog();
        log.info("pgrelocate:" + goal() + ": " + summary(result.changes().size(), result.warnings().size(), files));
        for (Map.Entry<String, Integer> count : result.countsByRule().entrySet()) {
            log.info("  " + count.getKey() + ": " + count.getValue());
        }
        if (log.isDebugEnabled()) {
            for (Change c : result.changes()) {
                log.debug(c.location() + ": " + c.rule() + ": " + c.description());
            }
        }
        for (Diagnostic w : result.warnings()) {
            log.warn(w.render());
        }
    }

    /** The headline above the counts per rule. */
    String summary(int changes, int warnings, int files) {
        return plural(changes, "change") + ", " + plural(warnings, "warning") + " in " + plural(files, "file");
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A path relative to the project when it is inside it, for shorter log lines. */
    String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (basedir != null) {
            Path base = basedir.toPath().toAbsolutePath().normalize();
            if (abs.startsWith(base) && !abs.equals(base)) {
                return InputFiles.relativize(base, abs);
            }
        }
        return abs.toString();
    }

    // ------------------------------------------------------------------ error reporting

    /**
     * Usage and bad-input errors are the user's to fix; the database kind (no goal here talks to one
     * yet) and any code added later are execution failures.
     */
    static boolean isUsersToFix(PgRelocateException e) {
        return e.exitCode() == PgRelocateException.EXIT_USAGE || e.exitCode() == PgRelocateException.EXIT_BAD_INPUT;
    }

    MojoExecutionException ioFailure(IOException e) {
        return new MojoExecutionException("pgrelocate:" + goal() + ": I/O error: " + describe(e), e);
    }

    /** NIO puts only the path into the message of its common exceptions; say what happened too. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String what;
            if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (fs.getReason() != null) {
                what = fs.getReason();
            } else {
                what = e.getClass().getSimpleName();
            }
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + what;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
