package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the promise the plain fixtures make to the engine: after only the extension-schema
 * rewrites (CREATE SCHEMA IF NOT EXISTS, WITH SCHEMA, Rails' final search_path) they restore on the
 * other platform with the same rows, because no DDL names an extension object schema-qualified.
 *
 * <p>The rewrites here are exact whole-line replacements, just enough to test the fixtures; they are
 * not the engine and would be wrong on other input.
 */
class PlainFixtureRelocationTest {

    private static EmbeddedServer server;
    private static PsqlRunner psql;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.start();
        psql = new PsqlRunner(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void railsPlainDumpRestoresOnHerokuLikeAfterTheSchemaRewrites() throws Exception {
        assertRelocatedRestore("rails_app.plain.sql", "rails_app.sql", "public", "heroku_ext");
    }

    @Test
    void railsCleanDumpRestoresOnHerokuLikeAfterTheSchemaRewrites() throws Exception {
        assertRelocatedRestore("rails_app.clean.sql", "rails_app.sql", "public", "heroku_ext");
    }

    @Test
    void railsStructureSqlLoadsOnHerokuLikeAfterTheSchemaRewrites() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);
        Path rewritten = rewrite("rails_app.structure.sql", "public", "heroku_ext");

        PsqlResult result = psql.runFile(target, rewritten);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        DatabaseSnapshot loaded = DatabaseSnapshot.take(server, target.database());
        assertEquals(12L, loaded.rowCounts().get("public.schema_migrations"));
        HerokuLikeServerTest.RAILS_APP_EXTENSIONS.forEach(
                name -> assertEquals("heroku_ext", loaded.extensionSchemas().get(name), name));
    }

    @Test
    void herokuExtDumpRestoresOnVanillaAfterMovingExtensionsToPublic() throws Exception {
        assertRelocatedRestore("heroku_ext_app.plain.sql", "heroku_ext_app.sql", "heroku_ext", "public");
    }

    /** Why CREATE SCHEMA IF NOT EXISTS is one of the rewrites (seed 001's db:schema:load failure). */
    @Test
    void unrewrittenHerokuExtDumpFailsOnHerokuLikeBecauseTheSchemaExists() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        PsqlResult result = psql.runFile(target, Fixtures.plain("heroku_ext_app.plain.sql"));

        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("ERROR:  schema \"heroku_ext\" already exists"), result::toString);
    }

    private void assertRelocatedRestore(String dump, String sourceScript, String from, String to) throws Exception {
        PlatformSetup platform = to.equals("heroku_ext") ? PlatformSetup.HEROKU_LIKE : PlatformSetup.VANILLA;
        DatabaseSnapshot source = build(sourceScript);
        RestoreTarget target = platform.prepare(server);

        PsqlResult result = psql.runFile(target, rewrite(dump, from, to));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        assertTrue(restored.tables().size() >= 5, "tables restored: " + restored.tables());
        assertEquals(source.tables(), restored.tables());
        source.extensionSchemas().forEach((name, schema) -> assertEquals(
                schema.equals(from) ? to : schema, restored.extensionSchemas().get(name), name));
    }

    private DatabaseSnapshot build(String sourceScript) throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server);
        PsqlResult result = psql.runFile(source, Fixtures.plain(sourceScript));
        assertEquals(0, result.exitCode(), result::toString);
        return DatabaseSnapshot.take(server, source.database());
    }

    private Path rewrite(String fixture, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.plain(fixture), StandardCharsets.UTF_8));
        UnaryOperator<String> line = text -> text
                .replaceFirst("^CREATE SCHEMA ([a-z_]+);$", "CREATE SCHEMA IF NOT EXISTS $1;")
                .replaceFirst("^(CREATE EXTENSION IF NOT EXISTS \\S+ WITH SCHEMA )" + from + ";$", "$1" + to + ";");
        lines.replaceAll(line);
        // Only the last search_path line is Rails'; rails_app.structure.sql has the same text in a function body.
        int railsSearchPath = lines.lastIndexOf("SET search_path TO \"$user\", public;");
        if (railsSearchPath >= 0 && to.equals("heroku_ext")) {
            lines.set(railsSearchPath, "SET search_path TO \"$user\", public, heroku_ext;");
        }
        Path rewritten = work.resolve(fixture);
        Files.write(rewritten, lines, StandardCharsets.UTF_8);
        return rewritten;
    }
}
