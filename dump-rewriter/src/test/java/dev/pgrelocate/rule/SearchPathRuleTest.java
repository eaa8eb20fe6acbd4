package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.support.RewriteHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchPathRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final RewriteOptions HEROKU_EXIT = RewriteOptions.of(Preset.HEROKU_EXIT);
    private static final String ID = SearchPathRule.ID;

    @Test
    void railsTrailerGainsTheTarget() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "SET search_path TO \"$user\", public;\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('1');\n",
                "SET search_path TO \"$user\", public, heroku_ext;\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('1');\n",
                ID + " 1:35");
        assertEquals("search_path: added heroku_ext after public", r.report().changes().get(0).description());
        assertNull(r.report().changes().get(0).failure());
        assertTrue(r.report().findings().isEmpty(), "a search path edit keeps things working, it fixes no failure");
    }

    @Test
    void stringElementsGetAStringElement() {
        assertRewrite(HEROKU,
                "SET search_path = 'public';\n",
                "SET search_path = 'public', 'heroku_ext';\n",
                ID + " 1:27");
    }

    @Test
    void insertedAfterTheLastSourceSchema() {
        assertRewrite(HEROKU,
                "SET LOCAL search_path TO app, public, pg_catalog;\n",
                "SET LOCAL search_path TO app, public, heroku_ext, pg_catalog;\n",
                ID + " 1:37");
    }

    @Test
    void pathAlreadyHoldingTheTargetIsLeftAlone() {
        assertUnchanged(HEROKU, "SET search_path TO \"$user\", public, heroku_ext;\nSET search_path = heroku_ext, public;\n"
                + "SET search_path = 'public', 'heroku_ext';\n");
    }

    @Test
    void herokuExitAddsPublicAfterHerokuExt() {
        assertRewrite(HEROKU_EXIT,
                "SET search_path TO heroku_ext;\n",
                "SET search_path TO heroku_ext, public;\n",
                ID + " 1:30");
    }

    @Test
    void herokuExitLeavesAPathWithPublicAlone() {
        assertUnchanged(HEROKU_EXIT, "SET search_path TO \"$user\", public;\nSET search_path TO app;\n");
    }

    @Test
    void supabaseAddsExtensions() {
        assertRewrite(RewriteOptions.of(Preset.SUPABASE),
                "SET search_path TO \"$user\", public;\n",
                "SET search_path TO \"$user\", public, extensions;\n",
                ID + " 1:35");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT pg_catalog.set_config('search_path', '', false);\n",
        "SET search_path = '';\n",
        "SET search_path TO pg_catalog;\n",
        "SET search_path TO \"$user\";\n",
        "SET search_path TO DEFAULT;\n",
        "set search_path to default;\n",
        "RESET search_path;\n",
        "SET statement_timeout = 0;\n",
        "COMMENT ON TABLE t IS 'SET search_path TO public;';\n",
    })
    void leftAlone(String statement) {
        assertUnchanged(HEROKU, statement);
    }

    /** Issue 3: database, role and routine settings follow as well, in pg_dump's literal style. */
    @Test
    void databaseRoleAndFunctionSettingsGainTheTarget() {
        assertRewrite(HEROKU,
                "ALTER ROLE app SET search_path TO public;\n"
                        + "ALTER DATABASE relo SET search_path TO '$user', 'public';\n"
                        + "CREATE FUNCTION app.f() RETURNS int\n    LANGUAGE sql\n    SET search_path TO 'public', 'pg_temp'\n    AS $$ SELECT 1 $$;\n"
                        + "ALTER FUNCTION app.f() SET search_path = public, pg_temp;\n",
                "ALTER ROLE app SET search_path TO public, heroku_ext;\n"
                        + "ALTER DATABASE relo SET search_path TO '$user', 'public', 'heroku_ext';\n"
                        + "CREATE FUNCTION app.f() RETURNS int\n    LANGUAGE sql\n    SET search_path TO 'public', 'heroku_ext', 'pg_temp'\n    AS $$ SELECT 1 $$;\n"
                        + "ALTER FUNCTION app.f() SET search_path = public, heroku_ext, pg_temp;\n",
                ID + " 1:41", ID + " 2:57", ID + " 5:32", ID + " 7:48");
    }

    /** Found by RewriteProperties: the first pass must already add what the second pass would. */
    @Test
    void extensionWithoutSchemaThenAPathOfAnotherSchemaIsIdempotent() {
        Rewriter rewriter = new Rewriter(HEROKU);
        String once = rewriter.rewriteSql("CREATE EXTENSION citext;\nSET search_path TO app;\n", "t.sql").sql();
        RewriteHarness.assertIdempotent(rewriter, once);
    }

    @Test
    void quotedDefaultIsASchemaName() {
        assertRewrite(HEROKU,
                "SET search_path TO \"default\";\n",
                "SET search_path TO \"default\", heroku_ext;\n",
                ID + " 1:29");
    }
}
