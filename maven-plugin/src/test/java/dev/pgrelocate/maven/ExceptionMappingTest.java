package dev.pgrelocate.maven;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.maven.InputFiles.InputFile;
import dev.pgrelocate.report.Diagnostic;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.statement.DumpSyntaxException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link AbstractPgRelocateMojo#execute()} turns each kind of failure into. */
class ExceptionMappingTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();
    private FailingMojo mojo;

    /** A goal whose work is to throw what the test hands it. */
    static final class FailingMojo extends AbstractPgRelocateMojo {
        Throwable toThrow;
        boolean ran;

        @Override
        String goal() {
            return "test";
        }

        @Override
        boolean goalSkipped() {
            return false;
        }

        @Override
        String goalSkipProperty() {
            return "pgrelocate.test.skip";
        }

        @Override
        RewriteReport process(FileRewriter rewriter, List<InputFile> inputs) throws IOException {
            ran = true;
            if (toThrow instanceof IOException e) {
                throw e;
            }
            if (toThrow instanceof RuntimeException e) {
                throw e;
            }
            return new RewriteReport();
        }
    }

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(project.resolve("db"));
        Files.writeString(project.resolve("db/structure.sql"), "SELECT 1;\n");
        mojo = new FailingMojo();
        mojo.setLog(log);
        mojo.basedir = project.toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.directory = project.toFile();
        mojo.preset = "heroku";
        mojo.excludeDefaultExtensions = true;
        mojo.report = "text";
    }

    @Test
    void malformedSqlIsAFailureWithTheEnginesLocatedMessage() {
        DumpSyntaxException cause = new DumpSyntaxException(Diagnostic.error("db/structure.sql", 812, 14,
                "unterminated dollar-quoted string $fn$ (reached end of input)",
                "close it with $fn$, or check that the file is not truncated"));
        mojo.toThrow = cause;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("db/structure.sql:812:14: error: unterminated dollar-quoted string $fn$ (reached end of input)"
                + System.lineSeparator() + "  hint: close it with $fn$, or check that the file is not truncated", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void unreadableInputIsAFailure() {
        PgRelocateException cause = new PgRelocateException("dump.sql:1:1: error: this is a pg_dump custom-format archive",
                PgRelocateException.EXIT_BAD_INPUT);
        mojo.toThrow = cause;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(cause.getMessage(), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void usageErrorIsAFailure() {
        PgRelocateException cause = new PgRelocateException("the output is the input file", PgRelocateException.EXIT_USAGE);
        mojo.toThrow = cause;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertSame(cause, e.getCause());
    }

    @Test
    void databaseErrorIsAnExecutionError() {
        PgRelocateException cause = new PgRelocateException("connection refused", PgRelocateException.EXIT_DATABASE);
        mojo.toThrow = cause;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertSame(cause, e.getCause());
    }

    @Test
    void ioErrorIsAnExecutionErrorThatSaysWhatHappened() {
        NoSuchFileException cause = new NoSuchFileException("/tmp/x/db/structure.sql");
        mojo.toThrow = cause;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("pgrelocate:test: I/O error: /tmp/x/db/structure.sql: no such file or directory", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void ioErrorWithoutAPathKeepsItsMessage() {
        mojo.toThrow = new IOException("No space left on device");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("pgrelocate:test: I/O error: No space left on device", e.getMessage());
    }

    @Test
    void uncheckedIoErrorIsUnwrapped() {
        AccessDeniedException io = new AccessDeniedException("/srv/db");
        mojo.toThrow = new UncheckedIOException(io);
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertEquals("pgrelocate:test: I/O error: /srv/db: permission denied", e.getMessage());
        assertSame(io, e.getCause());
    }

    @Test
    void aBugIsNotDisguisedAsAMojoException() {
        IllegalStateException bug = new IllegalStateException("unexpected item");
        mojo.toThrow = bug;
        assertSame(bug, assertThrows(IllegalStateException.class, mojo::execute));
    }

    @Test
    void badParametersFailBeforeAnyFileIsRead() {
        mojo.preset = "nope";
        assertThrows(MojoFailureException.class, mojo::execute);
        assertFalse(mojo.ran);
    }

    @Test
    void noMatchingFileIsAWarningByDefault() throws Exception {
        mojo.includes = List.of("db/missing.sql");
        mojo.execute();
        assertFalse(mojo.ran);
        assertTrue(log.text().contains("warn: pgrelocate:test: no file in " + project + " matches the includes [db/missing.sql]"),
                log.text());
    }

    @Test
    void noMatchingFileFailsWhenAskedTo() {
        mojo.includes = List.of("db/missing.sql");
        mojo.failIfNoFiles = true;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("-Dpgrelocate.includes"), e.getMessage());
        assertTrue(e.getMessage().contains("<failIfNoFiles>false</failIfNoFiles>"), e.getMessage());
    }
}
