package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import org.junit.jupiter.api.Test;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DropTargetSchemaRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String ID = DropTargetSchemaRule.ID;

    @Test
    void dropIfExistsIsRemovedWithItsLineEnd() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "DROP EXTENSION IF EXISTS citext;\nDROP SCHEMA IF EXISTS heroku_ext;\nDROP SCHEMA IF EXISTS app;\n",
                "DROP EXTENSION IF EXISTS citext;\nDROP SCHEMA IF EXISTS app;\n",
                ID + " 2:1");
        assertEquals("removed DROP SCHEMA heroku_ext", r.report().changes().get(0).description());
        assertEquals("the target schema \"heroku_ext\" is not the restoring role's to drop",
                r.report().changes().get(0).failure());
    }

    @Test
    void onlyOneLineEndGoes() {
        assertRewrite(HEROKU,
                "DROP SCHEMA heroku_ext;\n\nSELECT 1;\n",
                "\nSELECT 1;\n",
                ID + " 1:1");
    }

    @Test
    void dropCascade() {
        assertRewrite(HEROKU,
                "SELECT 1;\nDROP SCHEMA heroku_ext CASCADE;\nSELECT 2;\n",
                "SELECT 1;\nSELECT 2;\n",
                ID + " 2:1");
    }

    @Test
    void quotedTargetName() {
        assertRewrite(HEROKU,
                "DROP SCHEMA IF EXISTS \"heroku_ext\" RESTRICT;\nSELECT 1;\n",
                "SELECT 1;\n",
                ID + " 1:1");
    }

    @Test
    void targetLastInAList() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "DROP SCHEMA a, heroku_ext;\n",
                "DROP SCHEMA a;\n",
                ID + " 1:14");
        assertEquals("removed heroku_ext from DROP SCHEMA", r.report().changes().get(0).description());
    }

    @Test
    void targetFirstInAList() {
        assertRewrite(HEROKU,
                "DROP SCHEMA IF EXISTS heroku_ext, a, b CASCADE;\n",
                "DROP SCHEMA IF EXISTS a, b CASCADE;\n",
                ID + " 1:23");
    }

    @Test
    void targetInTheMiddleOfAList() {
        assertRewrite(HEROKU,
                "DROP SCHEMA a, heroku_ext, b;\n",
                "DROP SCHEMA a, b;\n",
                ID + " 1:14");
    }

    @Test
    void crlfLineEndGoesToo() {
        assertRewrite(HEROKU,
                "DROP SCHEMA IF EXISTS heroku_ext;\r\nSELECT 1;\r\n",
                "SELECT 1;\r\n",
                ID + " 1:1");
    }

    @Test
    void otherSchemasAreLeftAlone() {
        assertUnchanged(HEROKU, "DROP SCHEMA IF EXISTS app;\nDROP SCHEMA heroku_ext_old;\nDROP SCHEMA \"Heroku_ext\";\n"
                + "DROP EXTENSION heroku_ext;\n");
    }

    @Test
    void herokuExitLeavesTheSourceSchemaDrop() {
        assertUnchanged(RewriteOptions.of(Preset.HEROKU_EXIT), "DROP SCHEMA IF EXISTS heroku_ext;\n");
    }

    @Test
    void supabaseDropOfExtensionsSchemaIsRemoved() {
        assertRewrite(RewriteOptions.of(Preset.SUPABASE),
                "DROP SCHEMA IF EXISTS extensions;\nDROP SCHEMA IF EXISTS heroku_ext;\n",
                "DROP SCHEMA IF EXISTS heroku_ext;\n",
                ID + " 1:1");
    }
}
