package dev.pgrelocate.maven;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every goal honours {@code pgrelocate.skip} and its own {@code pgrelocate.<goal>.skip}, and says so. */
class SkipTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void unrewrittenStructureSql() throws IOException {
        Files.createDirectories(project.resolve("db"));
        // Would fail check and be changed by rewrite, so a goal that ran would show.
        Files.writeString(project.resolve("db/structure.sql"), "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n");
    }

    @Test
    void globalSkipSkipsRewrite() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.skip = true;
        mojo.execute();
        assertEquals(List.of("info: Skipping pgrelocate:rewrite (pgrelocate.skip=true)"), log.lines);
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void goalSkipSkipsRewrite() throws Exception {
        RewriteMojo mojo = Mojos.rewrite(project, log);
        mojo.skipRewrite = true;
        mojo.execute();
        assertEquals(List.of("info: Skipping pgrelocate:rewrite (pgrelocate.rewrite.skip=true)"), log.lines);
        assertFalse(Files.exists(project.resolve("target")));
    }

    @Test
    void globalSkipSkipsCheck() throws Exception {
        CheckMojo mojo = Mojos.check(project, log);
        mojo.skip = true;
        mojo.execute();
        assertEquals(List.of("info: Skipping pgrelocate:check (pgrelocate.skip=true)"), log.lines);
    }

    @Test
    void goalSkipSkipsCheck() throws Exception {
        CheckMojo mojo = Mojos.check(project, log);
        mojo.skipCheck = true;
        mojo.execute();
        assertEquals(List.of("info: Skipping pgrelocate:check (pgrelocate.check.skip=true)"), log.lines);
    }

    @Test
    void skippingIsDecidedBeforeParametersAreValidated() throws Exception {
        CheckMojo mojo = Mojos.check(project, log);
        mojo.preset = "no-such-preset";
        mojo.skipCheck = true;
        mojo.execute();
        assertEquals(1, log.lines.size());
    }
}
