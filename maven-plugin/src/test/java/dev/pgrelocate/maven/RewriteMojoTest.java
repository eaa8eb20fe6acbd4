package dev.pgrelocate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewrite goal over real files and the real engine, without a Maven runtime. */
class RewriteMojoTest {
    static final String STRUCTURE_SQL = """
            SET client_encoding = 'UTF8';

            CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

            CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

            CREATE TABLE public.users (email public.citext NOT NULL);

            SET search_path TO "$user", public;
            """;

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private Path input;

    @BeforeEach
    void structureSql() throws IOException {
        input = project.resolve("db/structure.sql");
        Files.createDirectories(input.getParent());
        Files.writeString(input, STRUCTURE_SQL);
    }

    @Test
    void rewritesIntoTheOutputDirectoryKeepingRelativePaths() throws Exception {
        Path migration = project.resolve("src/main/resources/db/migration/V1__extensions.sql");
        Files.createDirectories(migration.getParent());
        Files.writeString(migration, "CREATE EXTENSION hstore;\n");

        Mojos.rewrite(project, log).execute();

        String out = Files.readString(project.resolve("target/pgrelocate/db/structure.sql"));
        assertTrue(out.contains("CREATE SCHEMA IF NOT EXISTS heroku_ext;"), out);
        assertTrue(out.contains("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;"), out);
        assertTrue(out.contains("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA heroku_ext;"), out);
        assertEquals("CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\nCREATE EXTENSION hstore WITH SCHEMA heroku_ext;\n",
                Files.readString(project.resolve("target/pgrelocate/src/main/resources/db/migration/V1__extensions.sql")));
        assertEquals(STRUCTURE_SQL, Files.readString(input), "the input is never modified");
        assertTrue(log.lines.contains("info: db/structure.sql -> target/pgrelocate/db/structure.sql (5 changes)"), log.text());
        assertTrue(log.lines.contains("info: pgrelocate:rewrite: 7 changes, 0 warnings in 2 files"), log.text());
        assertTrue(log.lines.contains("info:   extension-schema: 3"), log.text());
    }

    @Test
    void secondBuildDoesNotRewriteItsOwnOutput() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.includes = List.of("**/*.sql");
        mojo.outputDirectory = project.resolve("db/heroku").toFile();
        mojo.execute();
        log.lines.clear();
        mojo.execute();
        assertTrue(log.lines.contains("info: pgrelocate:rewrite: 5 changes, 0 warnings in 1 file"), log.text());
        assertFalse(Files.exists(project.resolve("db/heroku/db/heroku")));
    }

    @Test
    void malformedSqlFailsWithItsLocationAndLeavesNoOutput() throws IOException {
        Files.writeString(input, "CREATE EXTENSION citext;\n\nCREATE FUNCTION f() RETURNS int\n    AS $fn$\nBEGIN\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Mojos.rewrite(project, log).execute());
        assertTrue(e.getMessage().startsWith("db/structure.sql:4:8: error: unterminated dollar-quoted string $fn$"), e.getMessage());
        assertEquals(List.of(), regularFiles(project.resolve("target")));
    }

    @Test
    void inPlaceKeepsTheOriginalAsBackupAcrossBuilds() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.inPlace = true;
        mojo.execute();
        Path backup = project.resolve("db/structure.sql.orig");
        assertEquals(STRUCTURE_SQL, Files.readString(backup));
        String rewritten = Files.readString(input);
        assertTrue(rewritten.contains("WITH SCHEMA heroku_ext;"), rewritten);
        assertTrue(log.lines.contains("info: db/structure.sql: 5 changes, rewritten in place (original kept as"
                + " db/structure.sql.orig)"), log.text());

        log.lines.clear();
        mojo.execute();
        assertEquals(STRUCTURE_SQL, Files.readString(backup));
        assertEquals(rewritten, Files.readString(input));
        assertTrue(log.lines.contains("info: db/structure.sql: nothing to change, left as it is"), log.text());
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void inPlaceNeedsABackupSuffix() {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.inPlace = true;
        mojo.backupSuffix = " ";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("<backupSuffix> (-Dpgrelocate.backupSuffix) is empty"), e.getMessage());
    }

    @Test
    void outputDirectoryEqualToTheInputDirectoryIsRefused() throws IOException {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.outputDirectory = project.toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("<outputDirectory> (-Dpgrelocate.outputDirectory)"), e.getMessage());
        assertTrue(e.getMessage().contains("<inPlace>true</inPlace>"), e.getMessage());
        assertEquals(STRUCTURE_SQL, Files.readString(input));
    }

    @Test
    void jsonReportGoesToTheBuildDirectoryByDefault() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.report = "json";
        mojo.execute();
        String json = Files.readString(project.resolve("target/pgrelocate/rewrite-report.json"));
        assertTrue(json.contains("\"extension-schema\" : 2"), json);
        assertTrue(log.lines.contains("info: pgrelocate:rewrite: report written to target/pgrelocate/rewrite-report.json"),
                log.text());
    }

    @Test
    void textReportGoesWhereItIsAskedTo() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.reportFile = project.resolve("reports/pgrelocate.txt").toFile();
        mojo.execute();
        String text = Files.readString(project.resolve("reports/pgrelocate.txt"));
        assertTrue(text.contains("db/structure.sql:3:51: extension-schema: extension citext: SCHEMA public -> heroku_ext"), text);
    }

    @Test
    void everyChangeIsLoggedAtDebugLevel() throws Exception {
        RecordingLog debugLog = new RecordingLog(true);
        Mojos.rewrite(project, debugLog).execute();
        assertTrue(debugLog.lines.contains("debug: " + "db/structure.sql:3:51: extension-schema: extension citext: SCHEMA public"
                + " -> heroku_ext"), debugLog.text());
    }

    static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
