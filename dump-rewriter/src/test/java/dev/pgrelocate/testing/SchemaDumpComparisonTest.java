package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema comparison can fail, passes for equal databases, and forgets only where extensions live. */
class SchemaDumpComparisonTest extends EmbeddedServerTest {

    // --- against real servers -----------------------------------------------------------------------

    @Test
    void twoBuildsOfTheSameScriptCompareEqual() throws Exception {
        String first = build("refs_app.sql");
        String second = build("refs_app.sql");

        // The raw dumps differ (pg_dump 15.14+ writes a random \restrict key per run) ...
        assertNotEquals(SchemaDumpComparison.schemaDump(server, first), SchemaDumpComparison.schemaDump(server, second));
        // ... the comparison does not.
        assertEquals("", SchemaDumpComparison.diff(server, first, second));
    }

    @Test
    void aChangedSchemaGivesADiffNamingTheChange() throws Exception {
        String source = build("refs_app.sql");
        String changed = build("refs_app.sql");
        server.execute(changed, PlatformSetup.APP_ROLE,
                "DROP INDEX public.index_users_on_name_trgm",
                "ALTER TABLE public.notes ADD COLUMN extra public.citext");

        String diff = SchemaDumpComparison.diff(server, source, changed);

        assertTrue(diff.startsWith("--- " + source + " (pg_dump -s, normalized)\n+++ " + changed), diff);
        assertEquals(List.of(
                "-    attrs public.hstore",
                "+    attrs public.hstore,",
                "+    extra public.citext",
                "-",
                "---",
                "--- Name: index_users_on_name_trgm; Type: INDEX; Schema: public; Owner: app",
                "---",
                "-",
                "-CREATE INDEX index_users_on_name_trgm ON public.users USING gin (name public.gin_trgm_ops);"),
                SchemaDumpComparison.changedLines(diff), diff);
    }

    /** The same app with its extensions in heroku_ext compares equal to the one with them in public. */
    @Test
    void extensionsInHerokuExtCompareEqualToExtensionsInPublic() throws Exception {
        String inPublic = build("refs_app.sql");
        String inHerokuExt = build("refs_heroku_ext.sql");

        String raw = LineDiff.unified("public", SchemaDumpComparison.schemaDump(server, inPublic).lines().toList(),
                "heroku_ext", SchemaDumpComparison.schemaDump(server, inHerokuExt).lines().toList());
        assertTrue(raw.contains("\n+    login heroku_ext.citext NOT NULL,\n"), raw);
        assertTrue(raw.contains("\n+CREATE SCHEMA heroku_ext;\n"), raw);

        assertEquals("", SchemaDumpComparison.diff(server, inPublic, inHerokuExt));
    }

    /** What PlatformSetup.HEROKU_LIKE adds to a database is the platform's, not the restore's. */
    @Test
    void herokuLikePlatformObjectsAreIgnored() throws Exception {
        RestoreTarget vanilla = PlatformSetup.VANILLA.prepare(server);
        RestoreTarget herokuLike = PlatformSetup.HEROKU_LIKE.prepare(server);

        String raw = SchemaDumpComparison.schemaDump(server, herokuLike.database());
        assertTrue(raw.contains("CREATE EVENT TRIGGER validate_extension"), raw);
        assertTrue(raw.contains("CREATE SCHEMA heroku_ext;"), raw);

        assertEquals("", SchemaDumpComparison.diff(server, vanilla.database(), herokuLike.database()));
    }

    /** The blind mapping must not make a user object that only looks alike compare equal. */
    @Test
    void aUserObjectInPublicIsNotTheSameAsOneInAnotherSchema() throws Exception {
        String source = build("refs_app.sql");
        String moved = build("refs_app.sql");
        server.execute(moved, PlatformSetup.APP_ROLE, "ALTER TABLE public.hstore_things_log SET SCHEMA app");

        String diff = SchemaDumpComparison.diff(server, source, moved);

        assertTrue(diff.contains("\n+CREATE TABLE app.hstore_things_log (\n"), diff);
        assertTrue(diff.contains("\n-CREATE TABLE public.hstore_things_log (\n"), diff);
    }

    // --- without a server ---------------------------------------------------------------------------

    @Test
    void normalizeMapsExtensionSchemasAndDropsPlatformSections() {
        String dump = String.join("\n",
                "--",
                "-- PostgreSQL database dump",
                "--",
                "",
                "\\restrict AbC",
                "",
                "-- Dumped from database version 15.12",
                "-- Dumped by pg_dump version 15.18",
                "",
                "--",
                "-- Name: heroku_ext; Type: SCHEMA; Schema: -; Owner: heroku_admin",
                "--",
                "",
                "CREATE SCHEMA heroku_ext;",
                "",
                "",
                "ALTER SCHEMA heroku_ext OWNER TO heroku_admin;",
                "",
                "--",
                "-- Name: citext; Type: EXTENSION; Schema: -; Owner: -",
                "--",
                "",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;",
                "",
                "--",
                "-- Name: f(); Type: FUNCTION; Schema: public; Owner: app",
                "--",
                "",
                "CREATE FUNCTION public.f() RETURNS heroku_ext.citext",
                "    SET search_path TO 'public', 'heroku_ext', 'extensions', 'pg_temp'",
                "    AS $$ SELECT 'x'::my_heroku_ext.t $$;",
                "",
                "--",
                "-- Name: FUNCTION crypt(text, text); Type: ACL; Schema: heroku_ext; Owner: postgres",
                "--",
                "",
                "REVOKE ALL ON FUNCTION heroku_ext.crypt(text, text) FROM PUBLIC;",
                "",
                "--",
                "-- Name: SCHEMA heroku_ext; Type: ACL; Schema: -; Owner: heroku_admin",
                "--",
                "",
                "GRANT USAGE,CREATE ON SCHEMA heroku_ext TO app;",
                "",
                "--",
                "-- Name: validate_extension; Type: EVENT TRIGGER; Schema: -; Owner: postgres",
                "--",
                "",
                "CREATE EVENT TRIGGER validate_extension ON ddl_command_end;",
                "",
                "--",
                "-- PostgreSQL database dump complete",
                "--",
                "",
                "\\unrestrict AbC",
                "");

        assertEquals(String.join("\n",
                "--",
                "-- PostgreSQL database dump",
                "--",
                "",
                "--",
                "-- Name: citext; Type: EXTENSION; Schema: -; Owner: -",
                "--",
                "",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;",
                "",
                "--",
                "-- Name: f(); Type: FUNCTION; Schema: public; Owner: app",
                "--",
                "",
                "CREATE FUNCTION public.f() RETURNS public.citext",
                "    SET search_path TO 'public', 'pg_temp'",
                "    AS $$ SELECT 'x'::my_heroku_ext.t $$;",
                "",
                "--",
                "-- Name: FUNCTION crypt(text, text); Type: ACL; Schema: public; Owner: postgres",
                "--",
                "",
                "REVOKE ALL ON FUNCTION public.crypt(text, text) FROM PUBLIC;",
                "",
                "--",
                "-- PostgreSQL database dump complete",
                "--",
                "",
                ""), SchemaDumpComparison.normalize(dump));
    }

    @Test
    void unifiedDiffOfEqualListsIsEmpty() {
        assertEquals("", LineDiff.unified("a", List.of("x", "y"), "b", List.of("x", "y")));
        assertEquals("", LineDiff.unified("a", List.of(), "b", List.of()));
    }

    @Test
    void unifiedDiffLooksLikeDiffU() {
        List<String> expected = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15");
        List<String> actual = List.of("1", "2", "3", "4", "5", "six", "7", "8", "9", "10", "11", "12", "13", "15", "16");

        assertEquals(String.join("\n",
                "--- expected",
                "+++ actual",
                "@@ -3,7 +3,7 @@",
                " 3",
                " 4",
                " 5",
                "-6",
                "+six",
                " 7",
                " 8",
                " 9",
                "@@ -11,5 +11,5 @@",
                " 11",
                " 12",
                " 13",
                "-14",
                " 15",
                "+16",
                ""), LineDiff.unified("expected", expected, "actual", actual));
    }

    @Test
    void unifiedDiffOfEmptyAndNonEmpty() {
        assertEquals("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", LineDiff.unified("a", List.of(), "b", List.of("x", "y")));
        assertEquals("--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n", LineDiff.unified("a", List.of("x", "y"), "b", List.of()));
    }

    /** A fresh database built from a fixtures/references script by app. */
    private static String build(String script) throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        PsqlResult result = psql.runFile(target, Fixtures.references(script));
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.stderr().contains("ERROR"), result::toString);
        return target.database();
    }
}
