package dev.pgrelocate.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import dev.pgrelocate.testing.RestoreTarget;
import dev.pgrelocate.testing.SchemaDumpComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The archive rewrite proven with the real pg_restore 15: pg_dump 15 archives (custom, uncompressed
 * custom, directory, tar) of a database using eleven extensions everywhere, rewritten by pgrelocate
 * into archives of the same format, restore on the Heroku-like server (heroku_ext owned by another
 * role, the guard event trigger, a non-superuser restoring) with no error output, in parallel where
 * the format allows, and equal the source: rows and checksums per table, the same {@code pg_dump -s}
 * once heroku_ext is mapped back.
 */
class ArchiveRewriteRestoreTest extends EmbeddedServerTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} rewritten with --preset {2}, pg_restore {3} on {4}")
    @CsvSource({
        "refs_app.dump,              refs_app.sql,        HEROKU,      -j 2,   HEROKU_LIKE",
        "refs_app.uncompressed.dump, refs_app.sql,        HEROKU,      serial, HEROKU_LIKE",
        "refs_app.dir,               refs_app.sql,        HEROKU,      -j 2,   HEROKU_LIKE",
        "refs_app.tar,               refs_app.sql,        HEROKU,      serial, HEROKU_LIKE",
        "refs_app.dump,              refs_app.sql,        HEROKU,      -j 2,   VANILLA",
        "refs_heroku_ext.dump,       refs_heroku_ext.sql, HEROKU_EXIT, -j 2,   VANILLA",
        "refs_heroku_ext.dump,       refs_heroku_ext.sql, SUPABASE,    -j 2,   VANILLA",
    })
    void rewrittenArchiveRestoresEqualToTheSource(String fixture, String sourceScript, Preset preset, String mode,
                                                  PlatformSetup platform) throws Exception {
        RestoreTarget source = build(sourceScript);
        Path rewritten = work.resolve("rewritten-" + fixture);
        RewriteReport report = new FileRewriter(new Rewriter(RewriteOptions.of(preset)))
                .rewrite(Fixtures.references(fixture), rewritten);
        assertTrue(report.countsByRule().getOrDefault("extension-reference", 0) > 10, report::toText);
        assertTrue(report.countsByRule().getOrDefault("extension-schema", 0) >= 11, report::toText);
        RestoreTarget target = platform.prepare(server);

        PsqlResult restore = pgRestore(target, mode, rewritten);

        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals("", restore.stderr(), restore::toString);
        assertEquals(DatabaseSnapshot.take(server, source.database()).tables(),
                DatabaseSnapshot.take(server, target.database()).tables(), "rows and checksums per table");
        DatabaseSnapshot.take(server, target.database()).extensionSchemas().forEach((ext, schema) -> assertEquals(
                Preset.DEFAULT_EXCLUDED.contains(ext) ? "pg_catalog" : preset.targetSchema(), schema, ext));
        assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()));
    }

    /**
     * No pg_restore at all: {@code pgrelocate restore} reads the original archive, rewrites its TOC
     * in memory and restores it over JDBC, on two connections where the format allows, with the
     * same result as pg_restore of the rewritten archive.
     */
    @ParameterizedTest(name = "pgrelocate restore --jobs {1} {0} on the Heroku-like server")
    @CsvSource({
        "refs_app.dump, 2",
        "refs_app.dump, 1",
        "refs_app.dir,  2",
        "refs_app.tar,  1",
    })
    void pgrelocateRestoresTheOriginalArchiveWithoutPgRestore(String fixture, int jobs) throws Exception {
        RestoreTarget source = build("refs_app.sql");
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int code = dev.pgrelocate.cli.Main.run(new String[] {"restore", "-q", "--jobs", Integer.toString(jobs), "--url",
                server.jdbcUrl(target.database()) + "?user=" + target.role(), Fixtures.references(fixture).toString()},
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));

        assertEquals(0, code, out + "\n" + err);
        assertEquals(DatabaseSnapshot.take(server, source.database()).tables(),
                DatabaseSnapshot.take(server, target.database()).tables(), "rows and checksums per table");
        assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()));
    }

    /** The reason for all this: pg_restore of the unrewritten archive is stopped by the platform's guard. */
    @Test
    void unrewrittenArchiveIsRejectedByTheHerokuLikeServer() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        PsqlResult restore = pgRestore(target, "-j 2", Fixtures.references("refs_app.dump"));
        assertEquals(1, restore.exitCode(), restore::toString);
        assertTrue(restore.stderr().contains("must be installed in schema \"heroku_ext\""), restore::toString);
    }

    /**
     * pg_restore --no-owner writes its own CREATE SCHEMA for a SCHEMA entry unless the definition
     * starts with a comment: the rewritten IF NOT EXISTS must survive it, in the script pg_restore
     * prints and in a restore into a database where the schema already exists.
     */
    @Test
    void createSchemaIfNotExistsSurvivesPgRestoreNoOwner() throws Exception {
        Path rewritten = work.resolve("refs_app.dump");
        new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU))).rewrite(Fixtures.references("refs_app.dump"), rewritten);

        PsqlResult script = psql.pgRestore("app", List.of("--no-owner", "-f", "-", rewritten.toString()));
        assertEquals(0, script.exitCode(), script::toString);
        assertTrue(script.stdout().contains("CREATE SCHEMA IF NOT EXISTS app;"), script.stdout());
        assertFalse(script.stdout().contains("\nCREATE SCHEMA app;"), script.stdout());

        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        psql.runFile(target, writeSql("CREATE SCHEMA app;\n"));
        PsqlResult restore = psql.pgRestore(target.role(), List.of("--exit-on-error", "--no-owner", "--no-acl", "-j", "2",
                "-d", target.database(), rewritten.toString()));
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals("", restore.stderr(), restore::toString);
    }

    /**
     * The rewrite keeps every dumpId, so a list file made with {@code pg_restore -l} of the ORIGINAL
     * archive still selects entries of the rewritten one: here everything but one table's data.
     */
    @Test
    void aListFileOfTheOriginalArchiveDrivesPgRestoreOfTheRewrittenOne() throws Exception {
        RestoreTarget source = build("refs_app.sql");
        Path rewritten = work.resolve("refs_app.dump");
        new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU))).rewrite(Fixtures.references("refs_app.dump"), rewritten);
        PsqlResult list = psql.pgRestore("app", List.of("-l", Fixtures.references("refs_app.dump").toString()));
        assertEquals(0, list.exitCode(), list::toString);
        String edited = list.stdout().replaceAll("(?m)^(\\d+; \\d+ \\d+ TABLE DATA public bookings app)$", ";$1");
        assertTrue(edited.contains(";") && !edited.equals(list.stdout()), "one TABLE DATA line commented out");
        Path listFile = writeSql(edited);
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        PsqlResult restore = psql.pgRestore(target.role(), List.of("--exit-on-error", "-j", "2", "-L", listFile.toString(),
                "-d", target.database(), rewritten.toString()));

        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals("", restore.stderr(), restore::toString);
        java.util.Map<String, Long> expected = new java.util.TreeMap<>(DatabaseSnapshot.take(server, source.database()).rowCounts());
        expected.put("public.bookings", 0L);
        assertEquals(expected, new java.util.TreeMap<>(DatabaseSnapshot.take(server, target.database()).rowCounts()));
    }

    /** A rewritten archive is a fixed point: rewriting it again changes nothing and writes an equal TOC. */
    @Test
    void secondRewriteChangesNothing() throws Exception {
        FileRewriter rewriter = new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU)));
        Path once = work.resolve("once.dump");
        Path twice = work.resolve("twice.dump");
        rewriter.rewrite(Fixtures.references("refs_app.dump"), once);
        RewriteReport second = rewriter.rewrite(once, twice);
        assertEquals(List.of(), second.changes(), second::toText);
        try (Archive a = ArchiveReader.open(once); Archive b = ArchiveReader.open(twice)) {
            assertEquals(a.entries(), b.entries());
        }
    }

    private PsqlResult pgRestore(RestoreTarget target, String mode, Path archive) throws Exception {
        List<String> args = new ArrayList<>(List.of("--exit-on-error", "-d", target.database()));
        if (!mode.equals("serial")) {
            args.addAll(List.of(mode.split(" ")));
        }
        args.add(archive.toString());
        return psql.pgRestore(target.role(), args);
    }

    private Path writeSql(String sql) throws Exception {
        Path file = java.nio.file.Files.createTempFile(work, "setup", ".sql");
        java.nio.file.Files.writeString(file, sql);
        return file;
    }

    private RestoreTarget build(String script) throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server);
        PsqlResult result = psql.runFile(source, Fixtures.references(script));
        assertEquals(0, result.exitCode(), result::toString);
        return source;
    }
}
