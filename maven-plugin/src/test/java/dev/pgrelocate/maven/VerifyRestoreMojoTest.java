package dev.pgrelocate.maven;

import dev.pgrelocate.restore.RestoreProgress.Snapshot;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify-restore goal on embedded servers: summary and success logged, a failing restore fails the build. */
class VerifyRestoreMojoTest {

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    private VerifyRestoreMojo mojo(String input) {
        VerifyRestoreMojo mojo = new VerifyRestoreMojo();
        mojo.setLog(log);
        mojo.basedir = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.directory = project.toFile();
        mojo.preset = "heroku";
        mojo.excludeDefaultExtensions = true;
        mojo.report = "text";
        mojo.input = input;
        return mojo;
    }

    @Test
    void theRailsFixtureRestoresOnHeroku() throws Exception {
        mojo(RestoreMojoTest.RAILS.toAbsolutePath().toString()).execute();

        String text = log.text();
        assertTrue(text.contains("on an embedded PostgreSQL 15, heroku platform, restoring as non-superuser app"), text);
        assertTrue(text.contains("extension-schema"), "the rewrite report's counts: " + text);
        assertTrue(text.contains("info: restore into jdbc:postgresql://localhost:"), text);
        assertTrue(text.contains("pgrelocate:verify-restore: the rewritten dump restores on heroku (PostgreSQL 15;"), text);
    }

    @Test
    void aRestoreThatFailsFailsTheBuildWithTheServersMessageAndLine() throws Exception {
        Files.writeString(project.resolve("dump.sql"), """
                CREATE TABLE public.t (id integer);
                ALTER TABLE public.t OWNER TO missing_role;
                """);

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo("dump.sql").execute());

        assertTrue(e.getMessage().contains("pgrelocate:verify-restore: restore failed at dump.sql:2: ERROR: role \"missing_role\""
                + " does not exist (SQLSTATE 42704)"), e.getMessage());
        assertTrue(log.text().contains("embedded PostgreSQL 16"), "no header: the default major; " + log.text());
    }

    @Test
    void continueOnErrorStillFailsTheBuildAndPreSqlRunsFirst() throws Exception {
        Files.writeString(project.resolve("dump.sql"), "INSERT INTO public.pre (id) VALUES (1);\nSELECT 1/0;\nSELECT 2/0;\n");
        VerifyRestoreMojo mojo = mojo("dump.sql");
        mojo.continueOnError = true;
        mojo.preSql = List.of("CREATE TABLE public.pre (id integer)");
        mojo.pgVersion = 15;

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("2 statements failed; the first: dump.sql:2: ERROR: division by zero"), e.getMessage());
        assertTrue(log.text().contains("2 errors"), log.text());
    }

    @Test
    void progressLinesEveryTenPercentOrTenSecondsNotTheLastCall() {
        ProgressLog progress = new ProgressLog(log, "restore");
        long mib = 1024 * 1024;
        progress.progress(new Snapshot(50 * mib, 100 * mib, 1, 0, 0, Duration.ofSeconds(9), false)); // too early
        progress.progress(new Snapshot(60 * mib, 100 * mib, 2, 10, 1, Duration.ofSeconds(10), false));
        progress.progress(new Snapshot(65 * mib, 100 * mib, 3, 20, 1, Duration.ofSeconds(11), false)); // same decile
        progress.progress(new Snapshot(70 * mib, 100 * mib, 3, 20, 1, Duration.ofSeconds(12), false)); // next decile
        progress.progress(new Snapshot(72 * mib, -1, 3, 25, 1, Duration.ofSeconds(22), false)); // ten seconds on
        progress.progress(new Snapshot(100 * mib, 100 * mib, 9, 90, 2, Duration.ofSeconds(23), true)); // the summary's

        assertEquals(List.of(
                "info: pgrelocate:restore: restore: 60.0 MiB of 100.0 MiB (60%), 6.0 MiB/s, 1 table, 10 rows, 2 statements, 10 s",
                "info: pgrelocate:restore: restore: 70.0 MiB of 100.0 MiB (70%), 5.8 MiB/s, 1 table, 20 rows, 3 statements, 12 s",
                "info: pgrelocate:restore: restore: 72.0 MiB, 3.3 MiB/s, 1 table, 25 rows, 3 statements, 22 s"), log.lines);
    }

    @Test
    void skipping() throws Exception {
        VerifyRestoreMojo mojo = mojo("missing.sql");
        mojo.skipVerifyRestore = true;
        mojo.execute();
        assertEquals(List.of("info: Skipping pgrelocate:verify-restore (pgrelocate.verify-restore.skip=true)"), log.lines);
    }
}
