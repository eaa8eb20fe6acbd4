package dev.pgrelocate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, where output and reports go, and that failures leave no files. */
class MainTest {

    private static final String DUMP = """
            CREATE SCHEMA heroku_ext;
            CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
            COPY public.t (a) FROM stdin;
            WITH SCHEMA public;
            \\.
            SET search_path TO "$user", public;
            """;

    private static final String REWRITTEN = """
            CREATE SCHEMA IF NOT EXISTS heroku_ext;
            CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;
            COPY public.t (a) FROM stdin;
            WITH SCHEMA public;
            \\.
            SET search_path TO "$user", public, heroku_ext;
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    private int run(InputStream stdin, String... args) {
        return Main.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void stdinToStdoutWritesSqlOnlyToStdoutAndTheReportToStderr() {
        assertEquals(0, run(DUMP, "rewrite"));
        assertEquals(REWRITTEN, stdout());
        assertTrue(stderr().contains("extension-schema: 1"), stderr());
    }

    @Test
    void outputFileGetsTheSqlAndStdoutTheReport() throws IOException {
        Path in = write("dump.sql", DUMP);
        Path target = dir.resolve("out.sql");

        assertEquals(0, run("", "rewrite", in.toString(), "-o", target.toString()));

        assertEquals(REWRITTEN, Files.readString(target));
        assertEquals(DUMP, Files.readString(in), "the input is never modified");
        assertTrue(stdout().contains("create-schema-if-not-exists: 1"), stdout());
    }

    @Test
    void jsonReportListsEveryChangeWithItsLine() throws IOException {
        Path in = write("dump.sql", DUMP);

        assertEquals(0, run("", "rewrite", "--report", "json", in.toString(), "-o", dir.resolve("o.sql").toString()));

        String json = stdout();
        assertTrue(json.contains("\"extension-schema\" : 1"), json);
        assertTrue(json.contains("\"line\" : 2"), json);
        assertTrue(json.contains("\"wouldFailBecause\" : \"extension \\\"citext\\\" must be installed in schema \\\"heroku_ext\\\"\""), json);
    }

    @Test
    void severalFilesGoToAnOutputDirectory() throws IOException {
        Path a = write("a.sql", DUMP);
        Path b = write("b.sql", "CREATE SCHEMA x;\n");
        Path outDir = Files.createDirectory(dir.resolve("out"));

        assertEquals(0, run("", "rewrite", a.toString(), b.toString(), "-o", outDir.toString()));

        assertEquals(REWRITTEN, Files.readString(outDir.resolve("a.sql")));
        assertEquals("CREATE SCHEMA IF NOT EXISTS x;\n", Files.readString(outDir.resolve("b.sql")));
    }

    @Test
    void inPlaceKeepsABackupOfTheOriginalAcrossRepeatedRuns() throws IOException {
        Path in = write("structure.sql", DUMP);

        assertEquals(0, run("", "rewrite", "--in-place", in.toString()));
        assertEquals(0, run("", "rewrite", "--in-place", in.toString()));

        assertEquals(REWRITTEN, Files.readString(in));
        assertEquals(DUMP, Files.readString(dir.resolve("structure.sql.orig")), "the second run changed nothing, so the backup is the original");
    }

    @Test
    void malformedInputExitsWithThreeNamesThePlaceAndLeavesNoOutputFile() throws IOException {
        String text = "CREATE SCHEMA a;\nCREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1;\n";
        Path in = write("broken.sql", text);
        Path target = dir.resolve("out.sql");

        assertEquals(3, run("", "rewrite", in.toString(), "-o", target.toString()));

        assertTrue(stderr().contains("broken.sql:2:36: error: unterminated dollar-quoted string $fn$ (reached end of input)"), stderr());
        assertTrue(stderr().contains("hint:"), stderr());
        assertFalse(Files.exists(target), "no partial output");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(in), files.toList(), "no temporary file left either");
        }
        assertEquals(text, Files.readString(in), "the input is untouched");
    }

    @Test
    void malformedInputInPlaceLeavesTheFileAndNoBackup() throws IOException {
        String text = "CREATE SCHEMA a;\nSELECT 'open;\n";
        Path in = write("broken.sql", text);

        assertEquals(3, run("", "rewrite", "--in-place", in.toString()));

        assertTrue(stderr().contains("broken.sql:2:8: error: unterminated quoted string"), stderr());
        assertEquals(text, Files.readString(in));
        assertFalse(Files.exists(dir.resolve("broken.sql.orig")));
    }

    @Test
    void checkListsFindingsWithPlaceStatementAndReasonAndExitsOne() throws IOException {
        Path in = write("structure.sql", DUMP);

        assertEquals(1, run("", "check", in.toString()));

        String report = stdout();
        assertTrue(report.contains("structure.sql:1:14: CREATE SCHEMA heroku_ext;: schema \"heroku_ext\" already exists on the target platform"), report);
        assertTrue(report.contains("structure.sql:2:51: CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;: extension \"citext\" must be installed in schema \"heroku_ext\""), report);
        assertTrue(report.contains("2 statements would fail"), report);
    }

    @Test
    void checkOfARewrittenFileIsCleanAndExitsZero() throws IOException {
        Path in = write("structure.sql", REWRITTEN);

        assertEquals(0, run("", "check", in.toString()));
        assertTrue(stdout().contains("no statement would fail"), stdout());
    }

    @Test
    void checkReadsStdinWithDash() {
        assertEquals(1, run(DUMP, "check", "-"));
        assertTrue(stdout().contains("<stdin>:2:51:"), stdout());
    }

    @Test
    void presetsAndSchemaOptionsChangeTheDirection() {
        String dump = "CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA heroku_ext;\n";
        assertEquals(0, run(dump, "rewrite", "-q", "--preset", "heroku-exit"));
        assertEquals("CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA public;\n", stdout());

        out.reset();
        assertEquals(0, run(dump, "rewrite", "-q", "--source-schema", "heroku_ext", "--target-schema", "ext"));
        assertEquals("CREATE SCHEMA IF NOT EXISTS ext;\n\nCREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA ext;\n", stdout());
    }

    @Test
    void excludeAddsToTheDefaultExclusions() {
        String dump = "CREATE EXTENSION hstore;\nCREATE EXTENSION plpgsql;\n";
        assertEquals(0, run(dump, "rewrite", "-q", "--exclude", "hstore"));
        assertEquals(dump, stdout());
    }

    @Test
    void stripRestrictRemovesTheLinesAndNeverPrintsTheKey() {
        String dump = "\\restrict SecretKey123\nSELECT 1;\n\\unrestrict SecretKey123\n";
        assertEquals(0, run(dump, "rewrite", "--strip-restrict"));
        assertEquals("SELECT 1;\n", stdout());
        assertTrue(stderr().contains("strip-restrict: 2"), stderr());
        assertFalse(stderr().contains("SecretKey123"), stderr());
    }

    @Test
    void gzipCompressedInputIsRead() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(gz)) {
            zip.write(DUMP.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, run(new ByteArrayInputStream(gz.toByteArray()), "rewrite", "-q"));
        assertEquals(REWRITTEN, stdout());
    }

    @Test
    void truncatedArchiveIsABadInputErrorWithItsOffsetAndNoOutput() throws IOException {
        Path archive = dir.resolve("latest.dump");
        Files.write(archive, "PGDMP\u0001\u000e\u0000".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(3, run("", "rewrite", archive.toString(), "-o", dir.resolve("x.dump").toString()));
        assertTrue(stderr().contains("latest.dump: byte 8: error: unexpected end of file"), stderr());
        assertTrue(stderr().contains("hint: the archive is truncated"), stderr());
        assertFalse(Files.exists(dir.resolve("x.dump")));
    }

    /** Standard input is read as a script: an archive there gets a hint to pass it as a file. */
    @Test
    void archiveOnStdinIsRefusedWithAHint() {
        assertEquals(3, run("PGDMP\u0001\u000e\u0000", "rewrite"));
        assertTrue(stderr().contains("custom-format archive"), stderr());
        assertTrue(stderr().contains("hint:"), stderr());
    }

    @Test
    void missingFileIsAnInputError() {
        assertEquals(3, run("", "check", dir.resolve("nope.sql").toString()));
        assertTrue(stderr().contains("nope.sql: no such file"), stderr());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("", "rewrite", "--preset", "nowhere"));
        assertTrue(stderr().contains("unknown preset 'nowhere'"), stderr());
        err.reset();
        assertEquals(2, run("", "rewrite", "--bogus"));
        assertTrue(stderr().contains("Unknown option"), stderr());
        err.reset();
        assertEquals(2, run("", "rewrite", "--in-place"));
        assertTrue(stderr().contains("--in-place needs at least one FILE"), stderr());
        assertEquals(2, run(""));
    }

    @Test
    void helpDescribesEveryVerb() {
        assertEquals(0, run("", "rewrite", "--help"));
        for (String option : List.of("--preset", "--source-schema", "--target-schema", "--exclude", "--strip-restrict",
                "--in-place", "--backup-suffix", "--report", "--output")) {
            assertTrue(stdout().contains(option), option);
        }
        out.reset();
        assertEquals(0, run("", "check", "--help"));
        assertTrue(stdout().contains("Lists every statement that would fail"), stdout());
    }
}
