package dev.pgrelocate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check goal over real files and the real engine, without a Maven runtime. */
class CheckMojoTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private Path input;

    @BeforeEach
    void structureSql() throws IOException {
        input = project.resolve("db/structure.sql");
        Files.createDirectories(input.getParent());
        Files.writeString(input, RewriteMojoTest.STRUCTURE_SQL);
    }

    @Test
    void listsEveryFindingWithItsLocationStatementAndReason() throws IOException {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Mojos.check(project, log).execute());
        String nl = System.lineSeparator();
        assertEquals("3 statements would fail on the target platform:" + nl
                + "db/structure.sql:3:51: CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;:"
                + " extension \"citext\" must be installed in schema \"heroku_ext\"" + nl
                + "db/structure.sql:5:52: CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;:"
                + " extension \"pg_trgm\" must be installed in schema \"heroku_ext\"" + nl
                + "db/structure.sql:7:34: CREATE TABLE public.users (email public.citext NOT NULL);:"
                + " public.citext does not exist once extension citext lives in heroku_ext" + nl
                + "hint: run pgrelocate:rewrite to fix them (mvn pgrelocate:rewrite -Dpgrelocate.inPlace=true rewrites"
                + " the files in place and keeps a backup)", e.getMessage());
        assertEquals(RewriteMojoTest.STRUCTURE_SQL, Files.readString(input));
        assertEquals(List.of(), RewriteMojoTest.regularFiles(project.resolve("target")));
    }

    @Test
    void passesOnARewrittenFile() throws Exception {
        Mojos.rewrite(project, log).execute();
        CheckMojo check = Mojos.check(project, log);
        check.directory = project.resolve("target/pgrelocate").toFile();
        log.lines.clear();
        check.execute();
        assertTrue(log.lines.contains("info: pgrelocate:check: no statement would fail on the target platform"
                + " (extensions in schema \"heroku_ext\")"), log.text());
        assertTrue(log.lines.contains("info: pgrelocate:check: 1 file checked, 0 warnings;"
                + " pgrelocate:rewrite would make 0 changes"), log.text());
    }

    @Test
    void writesItsReportEvenWhenItFails() {
        CheckMojo check = Mojos.check(project, log);
        check.report = "json";
        assertThrows(MojoFailureException.class, check::execute);
        assertTrue(Files.isRegularFile(project.resolve("target/pgrelocate/check-report.json")));
    }

    @Test
    void herokuExtIsFineWhenLeavingHeroku() throws Exception {
        Files.writeString(input, "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n");
        CheckMojo check = Mojos.check(project, log);
        check.preset = "heroku-exit";
        check.execute();
        assertTrue(log.lines.contains("info: pgrelocate:check: no statement would fail on the target platform"
                + " (extensions in schema \"public\")"), log.text());
    }
}
