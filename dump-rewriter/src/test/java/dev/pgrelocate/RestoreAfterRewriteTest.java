package dev.pgrelocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import dev.pgrelocate.testing.RestoreTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The promise of the rewrite, on real pg_dump 15 output and real servers: the rewritten dump
 * restores with psql (ON_ERROR_STOP) as a non-superuser, on a Heroku-like server and on a vanilla
 * one, and the restored database holds the source's rows with every extension where the preset
 * puts it.
 */
class RestoreAfterRewriteTest extends EmbeddedServerTest {


    @TempDir
    Path work;


    /**
     * Each row: a fixture, the script its source database was built from, the preset, and the
     * platform it restores on. The last row is a 2022-2023 Heroku database restored to Heroku: its
     * --clean dump creates, re-owns and drops heroku_ext itself.
     */
    @ParameterizedTest(name = "{0} with --preset {2} restores on {3}")
    @CsvSource({
        "rails_app.plain.sql,      rails_app.sql,      HEROKU,      HEROKU_LIKE",
        "rails_app.plain.sql,      rails_app.sql,      HEROKU,      VANILLA",
        "rails_app.clean.sql,      rails_app.sql,      HEROKU,      HEROKU_LIKE",
        "rails_app.plain.sql,      rails_app.sql,      SUPABASE,    VANILLA",
        "heroku_ext_app.plain.sql, heroku_ext_app.sql, HEROKU_EXIT, VANILLA",
        "heroku_ext_app.clean.sql, heroku_ext_app.sql, HEROKU_EXIT, VANILLA",
        "heroku_ext_app.clean.sql, heroku_ext_app.sql, HEROKU,      HEROKU_LIKE",
    })
    void rewrittenDumpRestoresWithTheSourcesRows(String dump, String sourceScript, Preset preset, PlatformSetup platform)
            throws Exception {
        DatabaseSnapshot source = build(sourceScript);
        Path rewritten = rewrite(dump, RewriteOptions.of(preset));
        RestoreTarget target = platform.prepare(server);

        PsqlResult result = psql.runFile(target, rewritten);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        assertTrue(restored.tables().size() >= 5, "tables restored: " + restored.tables());
        assertEquals(source.tables(), restored.tables(), "rows and checksums per table");
        assertEquals(source.extensionSchemas().keySet(), restored.extensionSchemas().keySet());
        Map<String, String> moved = movable(restored.extensionSchemas());
        assertTrue(moved.size() >= 6, moved::toString);
        moved.forEach((ext, schema) -> assertEquals(preset.targetSchema(), schema, ext));
        assertEquals("pg_catalog", restored.extensionSchemas().get("plpgsql"), "excluded extensions stay");
    }

    @Test
    void railsStructureSqlLoadsOnBothPlatformsWithTheMigrationList() throws Exception {
        Path rewritten = rewrite("rails_app.structure.sql", RewriteOptions.of(Preset.HEROKU));
        String text = Files.readString(rewritten, StandardCharsets.UTF_8);
        assertTrue(text.contains("\nSET search_path TO \"$user\", public, heroku_ext;\n"), "Rails' trailer gains heroku_ext");

        for (PlatformSetup platform : PlatformSetup.values()) {
            RestoreTarget target = platform.prepare(server);
            PsqlResult result = psql.runFile(target, rewritten);
            assertEquals(0, result.exitCode(), () -> platform + ": " + result);
            assertEquals("", result.stderr(), platform::toString);
            DatabaseSnapshot loaded = DatabaseSnapshot.take(server, target.database());
            assertEquals(12L, loaded.rowCounts().get("public.schema_migrations"), platform::toString);
            Map<String, String> moved = movable(loaded.extensionSchemas());
            assertEquals(7, moved.size(), () -> platform + ": " + loaded.extensionSchemas());
            moved.forEach((ext, schema) -> assertEquals("heroku_ext", schema, ext));
        }
    }

    /** psql is not the only consumer: with --strip-restrict the file has no backslash lines left and still loads. */
    @Test
    void strippedRestrictLinesStillRestoreWithPsql() throws Exception {
        Path rewritten = rewrite("rails_app.plain.sql", RewriteOptions.builder().stripRestrict(true).build());
        String text = Files.readString(rewritten, StandardCharsets.UTF_8);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("\\restrict") || line.startsWith("\\unrestrict")),
                "no meta-command line is left");
        assertTrue(Files.readString(Fixtures.plain("rails_app.plain.sql")).contains("\n\\restrict "), "the fixture had them");

        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        PsqlResult result = psql.runFile(target, rewritten);
        assertEquals(0, result.exitCode(), result::toString);
    }

    /** The extensions a preset moves: all but the default exclusions (plpgsql lives in pg_catalog). */
    private static Map<String, String> movable(Map<String, String> extensionSchemas) {
        Map<String, String> moved = new java.util.TreeMap<>(extensionSchemas);
        moved.keySet().removeAll(Preset.DEFAULT_EXCLUDED);
        return moved;
    }

    /** The source database, built from the script pg_dump read, for comparison. */
    private DatabaseSnapshot build(String sourceScript) throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server);
        PsqlResult result = psql.runFile(source, Fixtures.plain(sourceScript));
        assertEquals(0, result.exitCode(), result::toString);
        return DatabaseSnapshot.take(server, source.database());
    }

    private Path rewrite(String fixture, RewriteOptions options) throws Exception {
        Path out = work.resolve(options.preset() + "-" + fixture);
        RewriteReport report = new FileRewriter(new Rewriter(options)).rewrite(Fixtures.plain(fixture), out);
        assertFalse(report.changes().isEmpty(), "the rewrite changed nothing in " + fixture);
        return out;
    }
}
