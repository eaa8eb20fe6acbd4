package dev.pgrelocate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The restore goal into a real PostgreSQL that checks passwords: credentials from each source,
 * Maven's decrypter for settings.xml, the summary in the log, a failing statement as a build failure
 * with its line and SQLSTATE, and the password in no output at all.
 */
class RestoreMojoTest {

    static final Path RAILS = Path.of("../dump-rewriter/src/test/resources/fixtures/plain/rails_app.plain.sql");
    static final Path REFS_ARCHIVE = Path.of("../dump-rewriter/src/test/resources/fixtures/references/refs_app.dump");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path serverDir;
    @TempDir
    Path project;

    private static PasswordServer server;
    private final RecordingLog log = new RecordingLog(true);

    @BeforeAll
    static void start() {
        server = PasswordServer.start(serverDir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String newDatabase() throws Exception {
        String name = "target_" + DATABASES.incrementAndGet();
        server.createDatabase(name);
        return name;
    }

    private RestoreMojo mojo(String input) {
        RestoreMojo mojo = new RestoreMojo();
        mojo.setLog(log);
        mojo.basedir = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.directory = project.toFile();
        mojo.preset = "heroku";
        mojo.excludeDefaultExtensions = true;
        mojo.report = "text";
        mojo.input = input;
        mojo.environment = new HashMap<>();
        return mojo;
    }

    /** Runs the goal with System.out and System.err captured too; returns the failure or null. */
    private Throwable runCapturing(RestoreMojo mojo, StringBuilder everything) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        Throwable failure = null;
        try {
            mojo.execute();
        } catch (Exception e) {
            failure = e;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        everything.append(captured.toString(StandardCharsets.UTF_8)).append('\n').append(log.text());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            everything.append('\n').append(t).append('\n').append(t.getMessage());
        }
        return failure;
    }

    @Test
    void restoresTheRailsFixtureWithThePasswordFromAUrlAndNeverShowsIt() throws Exception {
        String db = newDatabase();
        try (var superuser = server.superuser(db)) {
            dev.pgrelocate.verify.Platform.HEROKU.prepare(superuser, PasswordServer.ROLE); // heroku_ext and its guard
        }
        Files.createDirectories(project.resolve("db"));
        Files.copy(RAILS, project.resolve("db/structure.sql"));
        RestoreMojo mojo = mojo(null); // the includes' one file: db/structure.sql
        mojo.noOwner = true; // the fixture's owner role does not exist here
        mojo.noAcl = true;
        mojo.url = "postgres://" + PasswordServer.ROLE + ":" + PasswordServer.PASSWORD + "@localhost:" + server.port() + "/" + db;

        StringBuilder output = new StringBuilder();
        Throwable failure = runCapturing(mojo, output);

        assertEquals(null, failure, output::toString);
        assertTrue(server.count(db, "SELECT count(*) FROM pg_extension WHERE extnamespace::regnamespace::text = 'public'"
                + " AND extname <> 'plpgsql'") == 0, "heroku preset: no extension left in public");
        assertTrue(server.count(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") >= 5);
        assertTrue(log.text().contains("restore into postgres://" + PasswordServer.ROLE + "@localhost:" + server.port()),
                log::text);
        assertTrue(log.text().contains("(user from the URL, password from the URL)"), log::text);
        assertTrue(log.text().contains("pgrelocate:restore: restored into"), log::text);
        assertTrue(log.text().contains("changes"), "the rewrite report's counts: " + log.text());
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);
    }

    /** A custom-format archive restores on two connections without pg_restore; jobs with a plain script is refused. */
    @Test
    void anArchiveRestoresWithTwoJobsAndAScriptRefusesThem() throws Exception {
        String db = newDatabase();
        try (var superuser = server.superuser(db)) {
            dev.pgrelocate.verify.Platform.HEROKU.prepare(superuser, PasswordServer.ROLE);
        }
        RestoreMojo mojo = mojo(REFS_ARCHIVE.toAbsolutePath().toString());
        mojo.noOwner = true; // the archive's owner role app does not exist here
        mojo.noAcl = true;
        mojo.jobs = 2;
        mojo.url = server.jdbcUrl(db);
        mojo.user = PasswordServer.ROLE;
        mojo.password = PasswordServer.PASSWORD;

        StringBuilder output = new StringBuilder();
        assertEquals(null, runCapturing(mojo, output), output::toString);
        assertEquals(0, server.count(db, "SELECT count(*) FROM pg_extension WHERE extnamespace::regnamespace::text = 'public'"
                + " AND extname <> 'plpgsql'"));
        assertEquals(11, server.count(db, "SELECT count(*) FROM pg_extension WHERE extnamespace::regnamespace::text = 'heroku_ext'"));
        assertTrue(server.count(db, "SELECT count(*) FROM public.users") > 0);
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);

        RestoreMojo script = mojo(RAILS.toAbsolutePath().toString());
        script.jobs = 2;
        script.url = server.jdbcUrl(newDatabase());
        script.user = PasswordServer.ROLE;
        script.password = PasswordServer.PASSWORD;
        Throwable refused = runCapturing(script, new StringBuilder());
        assertTrue(refused != null && String.valueOf(refused.getMessage()).contains("needs a pg_dump archive"),
                String.valueOf(refused));
    }

    @Test
    void aFailingStatementFailsTheBuildWithLineAndSqlStateAndNoPassword() throws Exception {
        String db = newDatabase();
        Files.writeString(project.resolve("dump.sql"), """
                CREATE TABLE public.t (id integer);
                COPY public.t (id) FROM stdin;
                1
                2
                \\.

                ALTER TABLE public.t OWNER TO missing_role;
                """);
        RestoreMojo mojo = mojo("dump.sql");
        mojo.url = server.jdbcUrl(db);
        mojo.user = PasswordServer.ROLE;
        mojo.password = PasswordServer.PASSWORD;

        StringBuilder output = new StringBuilder();
        Throwable failure = runCapturing(mojo, output);

        MojoFailureException e = (MojoFailureException) failure;
        assertTrue(e.getMessage().contains("dump.sql:7: ERROR: role \"missing_role\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("SQLSTATE 42704"), e.getMessage());
        assertTrue(log.text().contains("public.t"), "the partial summary: " + log.text());
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);
    }

    @Test
    void aWrongPasswordAndAnUnreachableServerFailWithoutShowingIt() throws Exception {
        String db = newDatabase();
        Files.writeString(project.resolve("dump.sql"), "CREATE TABLE public.t (id integer);\n");
        RestoreMojo wrong = mojo("dump.sql");
        wrong.url = "postgres://" + PasswordServer.ROLE + ":wrong-" + PasswordServer.PASSWORD + "@localhost:" + server.port() + "/" + db;
        StringBuilder output = new StringBuilder();
        Throwable failure = runCapturing(wrong, output);
        assertTrue(failure instanceof MojoFailureException, String.valueOf(failure));
        assertTrue(failure.getMessage().contains("password authentication failed"), failure.getMessage());
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);

        RestoreMojo unreachable = mojo("dump.sql");
        unreachable.url = "postgres://x:" + PasswordServer.PASSWORD + "@localhost:1/" + db;
        output.setLength(0);
        failure = runCapturing(unreachable, output);
        assertTrue(failure.getMessage().contains("cannot connect to postgres://x@localhost:1/" + db), failure.getMessage());
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);
    }

    @Test
    void anEncryptedSettingsPasswordIsDecryptedByMavensDecrypter() throws Exception {
        String db = newDatabase();
        Files.writeString(project.resolve("dump.sql"), "CREATE TABLE public.from_settings (id integer);\n");
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "master-of-the-test";
        Path security = Files.writeString(project.resolve("settings-security.xml"), "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(master, "settings.security") + "</master></settingsSecurity>");
        Server server = new Server();
        server.setId("app-db");
        server.setUsername(PasswordServer.ROLE);
        server.setPassword(cipher.encryptAndDecorate(PasswordServer.PASSWORD, master));
        assertFalse(server.getPassword().contains(PasswordServer.PASSWORD));
        Settings settings = new Settings();
        settings.addServer(server);
        RestoreMojo mojo = mojo("dump.sql");
        mojo.url = server().jdbcUrl(db);
        mojo.serverId = "app-db";
        mojo.settings = settings;
        mojo.decrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
        mojo.environment = Map.of("PGUSER", "nobody", "PGPASSWORD", "wrong");

        StringBuilder output = new StringBuilder();
        Throwable failure = runCapturing(mojo, output);

        assertEquals(null, failure, output::toString);
        assertEquals(1, server().count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'from_settings'"));
        assertTrue(log.text().contains("as " + PasswordServer.ROLE + " (user from settings.xml server 'app-db',"
                + " password from settings.xml server 'app-db')"), log::text);
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);

        mojo.serverId = "no-such-server";
        MojoFailureException missing = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(missing.getMessage().contains("no <server> with <id>no-such-server</id>"), missing.getMessage());
    }

    @Test
    void theEnvironmentGivesUrlUserAndPassword() throws Exception {
        String db = newDatabase();
        Files.writeString(project.resolve("dump.sql"), "CREATE TABLE public.from_env (id integer);\n");
        RestoreMojo mojo = mojo("dump.sql");
        mojo.environment = Map.of("DATABASE_URL", "postgres://localhost:" + server.port() + "/" + db,
                "PGUSER", PasswordServer.ROLE, "PGPASSWORD", PasswordServer.PASSWORD);

        StringBuilder output = new StringBuilder();
        assertEquals(null, runCapturing(mojo, output), output::toString);
        assertTrue(log.text().contains("(user from the environment (PGUSER), password from the environment (PGPASSWORD))"),
                log::text);
        assertFalse(output.toString().contains(PasswordServer.PASSWORD), output::toString);
    }

    private static PasswordServer server() {
        return server;
    }

    @Test
    void parameterErrorsAndSkipping() throws Exception {
        RestoreMojo noUrl = mojo("dump.sql");
        MojoFailureException e = assertThrows(MojoFailureException.class, noUrl::execute);
        assertTrue(e.getMessage().contains("needs <url>") && e.getMessage().contains("DATABASE_URL"), e.getMessage());

        RestoreMojo both = mojo("dump.sql");
        both.url = "postgres://localhost/x";
        both.singleTransaction = true;
        both.continueOnError = true;
        assertTrue(assertThrows(MojoFailureException.class, both::execute).getMessage().contains("exclude each other"));

        RestoreMojo missing = mojo("missing.sql");
        missing.url = "postgres://localhost/x";
        assertTrue(assertThrows(MojoFailureException.class, missing::execute).getMessage().contains("no such file"));

        RestoreMojo skipped = mojo(null);
        skipped.skipRestore = true;
        skipped.execute();
        assertEquals(List.of("info: Skipping pgrelocate:restore (pgrelocate.restore.skip=true)"), log.lines);
    }
}
