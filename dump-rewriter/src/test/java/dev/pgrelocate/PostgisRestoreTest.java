package dev.pgrelocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.PostgresServer;
import dev.pgrelocate.testing.PsqlRunner;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import dev.pgrelocate.testing.RestoreTarget;
import dev.pgrelocate.testing.SchemaDumpComparison;
import dev.pgrelocate.testing.SystemServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostGIS, which cannot move in place (not relocatable), moves through the dump: a real pg_dump of
 * a database with postgis in public, postgis_topology and postgis_tiger_geocoder (which stay in
 * their own schemas) restores on the system PostgreSQL 15 with PostGIS 3 and equals the source.
 */
class PostgisRestoreTest {

    private static SystemServer server;
    private static PsqlRunner psql;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() {
        // Never skipped: a skipped test is a missing one. .ci/run installs both packages.
        assertTrue(SystemServer.isInstalled(), SystemServer.notInstalledMessage());
        assertTrue(SystemServer.hasExtension("postgis"), "needs the Debian package postgresql-15-postgis-3");
        server = SystemServer.start();
        psql = new PsqlRunner(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Tables by name, with the extensions' schema written as public, sorted. */
    private static java.util.Map<String, String> byName(DatabaseSnapshot snapshot, String extensionSchema) {
        java.util.Map<String, String> tables = new java.util.TreeMap<>();
        for (DatabaseSnapshot.TableContent t : snapshot.tables()) {
            String schema = t.schema().equals(extensionSchema) ? "public" : t.schema();
            tables.put(schema + "." + t.table(), t.rowCount() + " rows, md5 " + t.rowsMd5());
        }
        return tables;
    }

    /**
     * The plain dump through psql, and every archive format through the real pg_restore 15
     * (serially: with -j, pg_restore loads topology.layer before topology.topology, see the
     * fixtures' README) and through pgrelocate's own restore.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} restored by {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "postgis_app.plain.sql,         psql",
        "postgis_app.dump,              pg_restore",
        "postgis_app.uncompressed.dump, pg_restore",
        "postgis_app.dir,               pg_restore",
        "postgis_app.tar,               pg_restore",
        "postgis_app.dump,              pgrelocate",
        "postgis_app.dir,               pgrelocate --jobs 2",
    })
    void postgisDumpMovedToHerokuExtRestoresEqualToTheSource(String fixture, String restorer) throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server).withRole(PostgresServer.SUPERUSER);
        assertEquals(0, psql.runFile(source, Fixtures.references("postgis_app.sql")).exitCode());
        Path rewritten = work.resolve(fixture);
        RewriteReport report = new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU)))
                .rewrite(Fixtures.references(fixture), rewritten);
        assertTrue(report.countsByRule().getOrDefault("extension-reference", 0) > 5, report::toText);
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server).withRole(PostgresServer.SUPERUSER);
        // What the rewrite's warning tells the user to do for the tiger geocoder (its install
        // script reads the database's default search_path, not the session's).
        assertTrue(report.warnings().stream().anyMatch(w -> w.message().startsWith(
                "extension postgis_tiger_geocoder stays where it is")), report::toText);
        server.execute(target.database(), PostgresServer.SUPERUSER,
                "ALTER DATABASE " + target.database() + " SET search_path = \"$user\", public, heroku_ext");

        PsqlResult result = switch (restorer) {
            case "psql" -> psql.runFile(target, rewritten);
            case "pg_restore" -> psql.pgRestore(target.role(), java.util.List.of("--exit-on-error", "-d", target.database(),
                    rewritten.toString()));
            default -> restoreWithPgrelocate(target, Fixtures.references(fixture), restorer.endsWith("--jobs 2") ? 2 : 1);
        };

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        // spatial_ref_sys is a member of postgis: it moved with it, rows and all.
        assertEquals(byName(DatabaseSnapshot.take(server, source.database()), "public"), byName(restored, "heroku_ext"));
        assertEquals(8501L, restored.rowCounts().get("heroku_ext.spatial_ref_sys"));
        assertEquals("heroku_ext", restored.extensionSchemas().get("postgis"));
        assertEquals("topology", restored.extensionSchemas().get("postgis_topology"));
        assertEquals("tiger", restored.extensionSchemas().get("postgis_tiger_geocoder"));
        assertEquals("", SchemaDumpComparison.diff(server, source.database(), target.database()));
    }

    /** {@code pgrelocate restore} of the original archive, in-process: rewritten in memory, no pg_restore. */
    private static PsqlResult restoreWithPgrelocate(RestoreTarget target, Path archive, int jobs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = dev.pgrelocate.cli.Main.run(new String[] {"restore", "-q", "--jobs", Integer.toString(jobs), "--url",
                server.jdbcUrl(target.database()) + "?user=" + target.role(), archive.toString()},
                java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        return new PsqlResult(code, out.toString(), err.toString());
    }
}
