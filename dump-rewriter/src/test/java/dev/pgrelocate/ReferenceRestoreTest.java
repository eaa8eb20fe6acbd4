package dev.pgrelocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * References follow their extension, proven end to end: a real pg_dump of a database that uses
 * eleven extensions in every place pg_dump can name them, rewritten, restores with psql on the
 * target platform, and the restored database equals the source: the same {@code pg_dump -s} once
 * the target schema is mapped back, and the same rows and checksums in every table.
 */
class ReferenceRestoreTest extends EmbeddedServerTest {

    @TempDir
    Path work;

    /** Each row: a fixture, the script of its source database, the role that builds and restores it, the preset, the platform. */
    @ParameterizedTest(name = "{0} with --preset {3} restores equal on {4}")
    @CsvSource({
        "refs_app.plain.sql,        refs_app.sql,        app,      HEROKU,      HEROKU_LIKE",
        "refs_app.plain.sql,        refs_app.sql,        app,      HEROKU,      VANILLA",
        "refs_app.clean.sql,        refs_app.sql,        app,      HEROKU,      HEROKU_LIKE",
        "refs_superuser.plain.sql,  refs_superuser.sql,  postgres, HEROKU,      HEROKU_LIKE",
        "refs_heroku_ext.plain.sql, refs_heroku_ext.sql, app,      HEROKU_EXIT, VANILLA",
        "refs_heroku_ext.plain.sql, refs_heroku_ext.sql, app,      SUPABASE,    VANILLA",
    })
    void rewrittenDumpRestoresEqualToTheSource(String dump, String sourceScript, String role, Preset preset,
                                               PlatformSetup platform) throws Exception {
        RestoreTarget source = build(sourceScript, role);
        Path rewritten = work.resolve(dump);
        RewriteReport report = new FileRewriter(new Rewriter(RewriteOptions.of(preset)))
                .rewrite(Fixtures.references(dump), rewritten);
        assertTrue(report.countsByRule().getOrDefault("extension-reference", 0) > 10, report::toText);
        RestoreTarget target = platform.prepare(server).withRole(role);

        PsqlResult result = psql.runFile(target, rewritten);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        DatabaseSnapshot expected = DatabaseSnapshot.take(server, source.database());
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        assertEquals(expected.tables(), restored.tables(), "rows and checksums per table");
        restored.extensionSchemas().forEach((ext, schema) -> assertEquals(
                Preset.DEFAULT_EXCLUDED.contains(ext) ? "pg_catalog" : preset.targetSchema(), schema, ext));
        assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()));
    }

    /**
     * What --clean is for: restoring over a database that already holds the dump. Its DROPs come
     * before CREATE EXTENSION and name the extension's members; the first pass over the file lets
     * them follow the extension too, so the second restore drops and recreates everything.
     */
    @org.junit.jupiter.api.Test
    void rewrittenCleanDumpRestoresTwiceIntoTheSameDatabase() throws Exception {
        RestoreTarget source = build("refs_app.sql", "app");
        Path rewritten = work.resolve("refs_app.clean.sql");
        new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU))).rewrite(Fixtures.references("refs_app.clean.sql"), rewritten);
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        for (int round = 1; round <= 2; round++) {
            PsqlResult result = psql.runFile(target, rewritten);
            assertEquals(0, result.exitCode(), "round " + round + ": " + result);
            assertEquals("", result.stderr(), "round " + round + ": " + result);
        }
        assertEquals(DatabaseSnapshot.take(server, source.database()).tables(),
                DatabaseSnapshot.take(server, target.database()).tables());
        assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()));
    }

    /** Rails' structure.sql of the same app: no data but the migrations, loads on both platforms with the source's schema. */
    @org.junit.jupiter.api.Test
    void rewrittenStructureSqlLoadsWithTheSourcesSchemaOnBothPlatforms() throws Exception {
        RestoreTarget source = build("refs_app.sql", "app");
        Path rewritten = work.resolve("refs_app.structure.sql");
        RewriteReport report = new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU)))
                .rewrite(Fixtures.references("refs_app.structure.sql"), rewritten);
        assertTrue(report.countsByRule().getOrDefault("extension-reference", 0) > 10, report::toText);

        for (PlatformSetup platform : PlatformSetup.values()) {
            RestoreTarget target = platform.prepare(server);
            PsqlResult result = psql.runFile(target, rewritten);
            assertEquals(0, result.exitCode(), () -> platform + ": " + result);
            assertEquals("", result.stderr(), () -> platform + ": " + result);
            assertEquals(8L, DatabaseSnapshot.take(server, target.database()).rowCounts().get("public.schema_migrations"));
            assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()), platform::toString);
        }
    }

    private RestoreTarget build(String script, String role) throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server).withRole(role);
        PsqlResult result = psql.runFile(source, Fixtures.references(script));
        assertEquals(0, result.exitCode(), result::toString);
        return source;
    }
}
