package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CreateSchemaIfNotExistsRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String ID = CreateSchemaIfNotExistsRule.ID;

    @Test
    void plainCreateSchemaGainsIfNotExists() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "--\n-- Name: app; Type: SCHEMA\n--\n\nCREATE SCHEMA app;\n",
                "--\n-- Name: app; Type: SCHEMA\n--\n\nCREATE SCHEMA IF NOT EXISTS app;\n",
                ID + " 5:14");
        Change c = r.report().changes().get(0);
        assertEquals("CREATE SCHEMA app -> CREATE SCHEMA IF NOT EXISTS app", c.description());
        assertEquals("CREATE SCHEMA app;", c.statement());
        assertNull(c.failure(), "app is not a schema the platform has");
    }

    @Test
    void createSchemaWithAuthorization() {
        assertRewrite(HEROKU,
                "CREATE SCHEMA app AUTHORIZATION app_owner;\n",
                "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION app_owner;\n",
                ID + " 1:14");
    }

    @Test
    void createSchemaNamedOnlyByAuthorization() {
        assertRewrite(HEROKU,
                "CREATE SCHEMA AUTHORIZATION app_owner;\n",
                "CREATE SCHEMA IF NOT EXISTS AUTHORIZATION app_owner;\n",
                ID + " 1:14");
    }

    @Test
    void quotedSchemaName() {
        assertRewrite(HEROKU,
                "CREATE SCHEMA \"My Schema\";\n",
                "CREATE SCHEMA IF NOT EXISTS \"My Schema\";\n",
                ID + " 1:14");
    }

    @Test
    void lowerCaseKeywordsAndNameOnTheNextLine() {
        assertRewrite(HEROKU,
                "SELECT 1;\ncreate /* c */ schema\n  app;\n",
                "SELECT 1;\ncreate /* c */ schema IF NOT EXISTS\n  app;\n",
                ID + " 2:22");
    }

    @Test
    void alreadyIfNotExistsIsLeftAlone() {
        assertUnchanged(HEROKU, "CREATE SCHEMA IF NOT EXISTS app;\nCREATE SCHEMA IF NOT EXISTS app AUTHORIZATION x;\n");
    }

    @Test
    void schemaWithElementsIsWarnedAboutAndLeftAlone() {
        String input = "SELECT 1;\nCREATE SCHEMA app\n  CREATE TABLE t (a int)\n  CREATE VIEW v AS SELECT 1;\n";
        Rewriter.SqlRewrite r = assertUnchanged(HEROKU, input);
        List<Diagnostic> warnings = r.report().warnings();
        assertEquals(1, warnings.size());
        Diagnostic w = warnings.get(0);
        assertEquals(Diagnostic.Severity.WARNING, w.severity());
        assertEquals(2, w.line());
        assertEquals(8, w.column());
        assertEquals("CREATE SCHEMA app contains schema elements, so IF NOT EXISTS cannot be added", w.message());
        assertEquals("create the schema alone and its objects in separate statements", w.hint());
    }

    @Test
    void targetSchemaOwnedByThePlatformIsAFinding() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "CREATE SCHEMA heroku_ext;\n",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n",
                ID + " 1:14");
        assertEquals("schema \"heroku_ext\" already exists on the target platform", r.report().changes().get(0).failure());
        assertEquals(1, r.report().findings().size());
    }

    @Test
    void leavingHerokuTheSourceSchemaIsNoFinding() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT),
                "CREATE SCHEMA heroku_ext;\n",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n",
                ID + " 1:14");
        assertNull(r.report().changes().get(0).failure());
    }

    @Test
    void publicAsTargetAlwaysExists() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT),
                "CREATE SCHEMA public;\n",
                "CREATE SCHEMA IF NOT EXISTS public;\n",
                ID + " 1:14");
        assertEquals("schema \"public\" already exists on the target platform", r.report().changes().get(0).failure());
    }

    @Test
    void crlfInputKeepsItsLineEnds() {
        assertRewrite(HEROKU,
                "SET a = 1;\r\n\r\nCREATE SCHEMA app;\r\n",
                "SET a = 1;\r\n\r\nCREATE SCHEMA IF NOT EXISTS app;\r\n",
                ID + " 3:14");
    }

    @Test
    void createSchemaInsideStringsCommentsAndBodiesIsNotAStatement() {
        assertUnchanged(HEROKU, "COMMENT ON TABLE t IS 'CREATE SCHEMA x;';\n-- CREATE SCHEMA y;\n"
                + "CREATE FUNCTION f() RETURNS void AS $$ BEGIN EXECUTE 'CREATE SCHEMA z'; END $$ LANGUAGE plpgsql;\n");
    }
}
