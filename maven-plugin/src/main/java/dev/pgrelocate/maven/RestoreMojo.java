package dev.pgrelocate.maven;

import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.files.InputFormat;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.restore.RestoreEngine;
import dev.pgrelocate.restore.RestoreOptions;
import dev.pgrelocate.restore.RewriteAndRestore;
import dev.pgrelocate.restore.RewrittenArchiveRestore;
import dev.pgrelocate.archive.DumpFormat;
import dev.pgrelocate.rule.DumpDefinitions;
import dev.pgrelocate.write.LineMap;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import java.io.IOException;
import java.util.Map;

/**
 * Rewrites a dump with the rule parameters and restores it into a database over JDBC in one pass,
 * with no psql and no second copy of the dump: COPY data streams through, every COPY's row count is
 * checked, and the build fails at the first failing statement with the server's message, SQLSTATE
 * and the input's line. A target that already holds tables is refused unless {@code <clean>} or
 * {@code <force>}. Progress is logged every ten seconds (or ten percent), the summary at the end.
 *
 * <p>Credentials: {@code <user>}/{@code <password>}, else the {@code settings.xml} server
 * {@code <serverId>} (encrypted passwords are decrypted by Maven), else the URL's, else
 * {@code PGUSER}/{@code PGPASSWORD}; the URL is {@code <url>}, else {@code DATABASE_URL}. Passwords
 * never reach the log. Not bound to a phase:
 * <pre>
 * mvn pgrelocate:restore -Dpgrelocate.input=backups/app.sql.gz \
 *     -Dpgrelocate.url=postgres://app@db.example.com:5432/app -Dpgrelocate.serverId=app-db</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = RestoreMojo.GOAL, requiresProject = false, threadSafe = true)
public final class RestoreMojo extends AbstractRestoreMojo {

    static final String GOAL = "restore";
    static final String SKIP_PROPERTY = PREFIX + GOAL + ".skip";

    /**
     * The database to restore into: {@code jdbc:postgresql://host:5432/db} or a libpq URL such as
     * Heroku's {@code DATABASE_URL}, {@code postgres://user:password@host:5432/db?sslmode=require}.
     * The password is never logged.
     *
     * <p>Default: the {@code DATABASE_URL} environment variable. Command line:
     * {@code -Dpgrelocate.url=postgres://app@localhost:5432/app}.
     * <pre>&lt;url&gt;jdbc:postgresql://localhost:5432/app&lt;/url&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "url")
    String url;

    /**
     * The user to log in as; wins over the server's, the URL's and {@code PGUSER}.
     *
     * <p>Default: the {@code <serverId>} server's username, else the URL's user, else {@code PGUSER}.
     * Command line: {@code -Dpgrelocate.user=app}.
     * <pre>&lt;user&gt;app&lt;/user&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "user")
    String user;

    /**
     * The password; wins over the server's, the URL's and {@code PGPASSWORD}. Never logged by this goal;
     * prefer {@code <serverId>} or {@code PGPASSWORD}, since a POM or a command line is seen by others
     * (and {@code mvn -X} prints configured parameters).
     *
     * <p>Default: the {@code <serverId>} server's password, else the URL's, else {@code PGPASSWORD}.
     * Command line: {@code -Dpgrelocate.password=...}.
     * <pre>&lt;password&gt;${env.APP_DB_PASSWORD}&lt;/password&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "password")
    String password;

    /**
     * The {@code <id>} of a {@code settings.xml} {@code <server>} whose username and password to log in
     * with; a password encrypted with {@code mvn --encrypt-password} is decrypted by Maven.
     *
     * <p>Default: none. Command line: {@code -Dpgrelocate.serverId=app-db}.
     * <pre>&lt;serverId&gt;app-db&lt;/serverId&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "serverId")
    String serverId;

    /**
     * Accept a target that already holds tables for a dump made with {@code pg_dump --clean}: its
     * DROPs must come before its first CREATE.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.clean=true}.
     * <pre>&lt;clean&gt;true&lt;/clean&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "clean", defaultValue = "false")
    boolean clean;

    /**
     * Accept a target that already holds tables, whatever the dump holds.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.force=true}.
     * <pre>&lt;force&gt;true&lt;/force&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "force", defaultValue = "false")
    boolean force;

    /**
     * Follow a {@code \connect} in the dump to another database of the same server, with the same
     * credentials.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.allowConnect=true}.
     * <pre>&lt;allowConnect&gt;true&lt;/allowConnect&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = PREFIX + "allowConnect", defaultValue = "false")
    boolean allowConnect;

    /**
     * Skip this goal only; {@code <skip>} ({@code pgrelocate.skip}) skips every pgrelocate goal.
     *
     * <p>Default {@code false}. Command line: {@code -Dpgrelocate.restore.skip=true}.
     * <pre>&lt;skipRestore&gt;true&lt;/skipRestore&gt;</pre>
     *
     * @since 0.1.0
     */
    @Parameter(property = SKIP_PROPERTY, defaultValue = "false")
    boolean skipRestore;

    /** For {@code <serverId>}. */
    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    /** Maven's decrypter for settings.xml passwords. */
    @Component
    SettingsDecrypter decrypter;

    /** Where PGUSER, PGPASSWORD and DATABASE_URL come from (tests replace it). */
    Map<String, String> environment = System.getenv();

    private Credentials credentials;
    private RestoreOptions restoreOptions;

    @Override
    String goal() {
        return GOAL;
    }

    @Override
    boolean goalSkipped() {
        return skipRestore;
    }

    @Override
    String goalSkipProperty() {
        return SKIP_PROPERTY;
    }

    @Override
    void checkGoalParameters() throws MojoFailureException {
        super.checkGoalParameters();
        if (clean && force) {
            throw new MojoFailureException("<clean> and <force> exclude each other; set one (-D" + PREFIX + "clean, -D"
                    + PREFIX + "force)");
        }
        restoreOptions = restoreOptions().clean(clean).force(force).allowConnect(allowConnect).build();
        credentials = Credentials.resolve(GOAL, url, user, password, serverId, settings, decrypter, environment);
    }

    @Override
    Outcome restore(FileRewriter rewriter, InputFile input) throws IOException {
        RestoreEngine engine = new RestoreEngine(credentials.target(), restoreOptions);
        getLog().info("pgrelocate:" + GOAL + ": " + input.relativePath() + " into " + credentials.target() + " "
                + credentials.describe());
        LineMap lines = new LineMap();
        RewriteAndRestore.RewriteStep step;
        long size;
        if (input.path() == null) {
            Rewriter stdinRewriter = new Rewriter(options());
            step = out -> stdinRewriter.rewrite(InputFormat.openScript(System.in, input.relativePath()), out,
                    input.relativePath(), new DumpDefinitions(), lines);
            size = -1;
        } else {
            step = out -> rewriter.rewrite(input.path(), out, lines);
            size = DumpFormat.detect(input.path()).isArchive() ? -1 : InputFormat.scriptSize(input.path());
        }
        boolean archive = input.path() != null && DumpFormat.detect(input.path()).isArchive();
        if (jobs > 1 && !archive) {
            throw new PgRelocateException("pgrelocate:" + GOAL + ": <jobs> " + jobs + " needs a pg_dump archive (custom,"
                    + " directory or tar); " + input.relativePath() + " is a plain script, restored on one connection",
                    PgRelocateException.EXIT_USAGE);
        }
        engine.progress(new ProgressLog(getLog(), GOAL), archive ? -1 : size, ProgressLog.ENGINE_INTERVAL);
        RewriteAndRestore.Result result = archive
                ? RewrittenArchiveRestore.run(input.path(), input.relativePath(), options(), engine, credentials.target(),
                        restoreOptions, jobs)
                : RewriteAndRestore.run(step, engine, input.relativePath(), lines);
        return new Outcome(result.report(), result.summary());
    }

    @Override
    String successLine(Outcome outcome) {
        return "restored into " + outcome.summary().target();
    }
}
