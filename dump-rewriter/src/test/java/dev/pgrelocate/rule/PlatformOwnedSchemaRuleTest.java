package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import org.junit.jupiter.api.Test;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformOwnedSchemaRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String ID = PlatformOwnedSchemaRule.ID;

    @Test
    void alterSchemaOwnerIsRemoved() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\n\nALTER SCHEMA heroku_ext OWNER TO app;\n\n--\n",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\n\n\n--\n",
                ID + " 4:1");
        assertEquals("removed ALTER SCHEMA heroku_ext OWNER TO", r.report().changes().get(0).description());
        assertEquals("only the platform's own role may change schema \"heroku_ext\"", r.report().changes().get(0).failure());
    }

    @Test
    void otherAlterSchemaOfTheTargetIsLeftAlone() {
        assertUnchanged(HEROKU, "ALTER SCHEMA heroku_ext RENAME TO old_ext;\nALTER SCHEMA app OWNER TO app;\n");
    }

    @Test
    void commentOnSchemaIsRemoved() {
        assertRewrite(HEROKU,
                "COMMENT ON SCHEMA heroku_ext IS 'Extensions; here';\nCOMMENT ON SCHEMA app IS 'x';\n",
                "COMMENT ON SCHEMA app IS 'x';\n",
                ID + " 1:1");
    }

    @Test
    void grantUsageIsRemoved() {
        assertRewrite(HEROKU,
                "GRANT USAGE ON SCHEMA heroku_ext TO reader;\nGRANT USAGE ON SCHEMA app TO reader;\n",
                "GRANT USAGE ON SCHEMA app TO reader;\n",
                ID + " 1:1");
    }

    @Test
    void revokeAllFromPublicIsRemoved() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "SELECT 1;\r\nREVOKE ALL ON SCHEMA heroku_ext FROM PUBLIC;\r\nSELECT 2;\r\n",
                "SELECT 1;\r\nSELECT 2;\r\n",
                ID + " 2:1");
        assertEquals("removed REVOKE ON SCHEMA heroku_ext", r.report().changes().get(0).description());
    }

    @Test
    void targetIsTakenOutOfALongerList() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "GRANT USAGE ON SCHEMA a, heroku_ext TO x;\nGRANT CREATE, USAGE ON SCHEMA heroku_ext, b TO x WITH GRANT OPTION;\n",
                "GRANT USAGE ON SCHEMA a TO x;\nGRANT CREATE, USAGE ON SCHEMA b TO x WITH GRANT OPTION;\n",
                ID + " 1:24", ID + " 2:31");
        assertEquals("removed heroku_ext from GRANT ON SCHEMA", r.report().changes().get(0).description());
    }

    @Test
    void privilegesOnObjectsInTheSchemaAreLeftAlone() {
        assertUnchanged(HEROKU, "GRANT SELECT ON ALL TABLES IN SCHEMA heroku_ext TO x;\n"
                + "GRANT heroku_ext TO x;\n"
                + "REVOKE ALL ON FUNCTION heroku_ext.f() FROM PUBLIC;\n"
                + "GRANT USAGE ON SCHEMA app TO heroku_ext;\n");
    }

    @Test
    void herokuExitLeavesEverythingAlone() {
        assertUnchanged(RewriteOptions.of(Preset.HEROKU_EXIT),
                "ALTER SCHEMA heroku_ext OWNER TO app;\nCOMMENT ON SCHEMA heroku_ext IS 'x';\n"
                        + "GRANT USAGE ON SCHEMA heroku_ext TO x;\nREVOKE ALL ON SCHEMA heroku_ext FROM PUBLIC;\n"
                        + "ALTER SCHEMA public OWNER TO app;\nCOMMENT ON SCHEMA public IS 'standard public schema';\n"
                        + "GRANT USAGE ON SCHEMA public TO x;\n");
    }

    @Test
    void supabaseExtensionsSchemaIsThePlatforms() {
        assertRewrite(RewriteOptions.of(Preset.SUPABASE),
                "ALTER SCHEMA extensions OWNER TO app;\nALTER SCHEMA heroku_ext OWNER TO app;\n",
                "ALTER SCHEMA heroku_ext OWNER TO app;\n",
                ID + " 1:1");
    }

    @Test
    void notPlatformOwnedWhenTheOptionsSaySo() {
        assertUnchanged(RewriteOptions.builder().preset(Preset.HEROKU).targetOwnedByPlatform(false).build(),
                "ALTER SCHEMA heroku_ext OWNER TO app;\nGRANT USAGE ON SCHEMA heroku_ext TO x;\n");
    }
}
