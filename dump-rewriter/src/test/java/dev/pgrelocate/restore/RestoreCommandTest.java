package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.cli.Main;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.RestoreTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgrelocate restore} end to end, in-process, into an embedded server. */
class RestoreCommandTest extends EmbeddedServerTest {

    private static final String PASSWORD = "S3cret-Pa55word";

    @TempDir
    Path dir;

    /** Everything every run printed, for the password check. */
    private final StringBuilder allOutput = new StringBuilder();
    private String stdout;
    private String stderr;

    private int run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        allOutput.append(stdout).append(stderr);
        return code;
    }

    private String jdbcUrl(RestoreTarget target) {
        return server.jdbcUrl(target.database()) + "?user=" + target.role();
    }

    /** Heroku's DATABASE_URL form; the embedded server trusts every local role, so any password works. */
    private String herokuUrl(String database) {
        return "postgres://app:" + PASSWORD + "@localhost:" + server.port() + "/" + database;
    }

    @Test
    void restoresARealDumpRewrittenForHeroku() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        int code = run("", "restore", "--url", jdbcUrl(target), "--preset", "heroku",
                Fixtures.plain("rails_app.plain.sql").toString());

        assertEquals(0, code, stdout + stderr);
        assertTrue(stdout.contains("extension-schema"), "the rewrite report: " + stdout);
        assertTrue(stdout.contains("restore into jdbc:postgresql://"), stdout);
        assertTrue(stdout.contains(" rows"), stdout);
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        assertTrue(restored.tables().size() >= 5, restored::toString);
        assertEquals("heroku_ext", restored.extensionSchemas().get("citext"));
    }

    @Test
    void readsStdinAndNeverPrintsThePassword() throws Exception {
        String dump = """
                SET client_encoding = 'UTF8';
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                CREATE TABLE public.t (id integer, name public.citext);
                COPY public.t (id, name) FROM stdin;
                1\tone
                \\.
                """;
        RestoreTarget ok = PlatformSetup.HEROKU_LIKE.prepare(server);
        assertEquals(0, run(dump, "restore", "--url", herokuUrl(ok.database()), "-"), stdout + stderr);
        assertTrue(stdout.contains("postgres://app@localhost:"), stdout);
        assertTrue(stdout.contains("public.t"), stdout);

        // a failing statement, a failing COPY with --continue-on-error, a non-empty target, a missing database
        RestoreTarget failing = PlatformSetup.VANILLA.prepare(server);
        assertEquals(1, run(dump.replace("public.citext", "public.nosuchtype"), "restore", "--url", herokuUrl(failing.database()), "-"));
        // the input's own line, although the rewrite put CREATE SCHEMA IF NOT EXISTS heroku_ext; and a blank line first
        assertTrue(stderr.contains("<stdin>:3:") && stderr.contains("42704"), stderr);
        assertTrue(stderr.contains("in: CREATE TABLE public.t (id integer, name public.nosuchtype);"), stderr);

        RestoreTarget continuing = PlatformSetup.VANILLA.prepare(server);
        assertEquals(1, run(dump.replace("1\tone", "x\tone"), "restore", "--continue-on-error",
                "--url", herokuUrl(continuing.database()), "-"));
        assertTrue(stdout.contains("1 error"), stdout);
        assertTrue(stderr.contains("1 statement failed"), stderr);

        assertEquals(4, run(dump, "restore", "--url", herokuUrl(ok.database()), "-"));
        assertTrue(stderr.contains("is not empty") && stderr.contains("postgres://app@localhost:"), stderr);

        assertEquals(4, run(dump, "restore", "--url", herokuUrl("no_such_database"), "-"));
        assertTrue(stderr.contains("cannot connect"), stderr);

        assertEquals(2, run(dump, "restore", "--url", "postgres://app:" + PASSWORD + "@/nohost", "-"));

        assertFalse(allOutput.toString().contains(PASSWORD), allOutput::toString);
        assertFalse(allOutput.toString().contains("Pa55"), allOutput::toString);
    }

    @Test
    void flagsReachTheEngine() throws Exception {
        Path pre = dir.resolve("pre.sql");
        Files.writeString(pre, "CREATE TABLE public.audit (what text);\n");
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        String dump = "INSERT INTO public.audit VALUES ('dump');\nSELECT 1/0;\n";

        assertEquals(1, run(dump, "restore", "--single-transaction", "--pre-sql", pre.toString(),
                "--post-sql", "INSERT INTO public.audit VALUES ('post')", "--url", jdbcUrl(target), "-"));
        assertTrue(stderr.contains("<stdin>:2:") && stderr.contains("22012") && stderr.contains("SELECT 1/0;"), stderr);
        assertEquals(List.of(), RestoreEngineTest.tables(target), "rolled back");

        assertEquals(0, run(dump.replace("SELECT 1/0;", ""), "restore", "--pre-sql", pre.toString(),
                "--post-sql", "INSERT INTO public.audit VALUES ('post')", "--url", jdbcUrl(target), "-"), stderr);
        assertTrue(stdout.contains("3 statements"), stdout);

        assertEquals(0, run("CREATE TABLE public.more (id int);\n", "restore", "--force", "--url", jdbcUrl(target), "-"), stderr);
    }

    @Test
    void usageAndInputErrors() throws IOException {
        assertEquals(2, run("", "restore", "-"));
        assertTrue(stderr.contains("--url"), stderr);
        assertEquals(2, run("", "restore", "--url", "jdbc:postgresql://localhost/x", "--single-transaction",
                "--continue-on-error", "-"));
        assertEquals(2, run("", "restore", "--url", "jdbc:postgresql://localhost/x", "--clean", "--force", "-"));
        assertEquals(3, run("", "restore", "--url", "jdbc:postgresql://localhost/x", dir.resolve("missing.sql").toString()));
        assertTrue(stderr.contains("no such file"), stderr);
    }
}
