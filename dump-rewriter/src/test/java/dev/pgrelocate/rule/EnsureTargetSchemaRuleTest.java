package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EnsureTargetSchemaRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String ID = EnsureTargetSchemaRule.ID;
    private static final String EXT = ExtensionSchemaRule.ID;

    @Test
    void insertedOnceBeforeTheFirstRetargetedExtension() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                "SET a = 1;\n\n"
                        + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"
                        + "CREATE EXTENSION hstore WITH SCHEMA public;\n",
                "SET a = 1;\n\n"
                        + "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\n"
                        + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n"
                        + "CREATE EXTENSION hstore WITH SCHEMA heroku_ext;\n",
                ID + " 3:1", EXT + " 3:51", EXT + " 4:37");
        assertEquals("inserted CREATE SCHEMA IF NOT EXISTS heroku_ext before extension citext",
                r.report().changes().get(0).description());
        assertNull(r.report().changes().get(0).failure());
    }

    @Test
    void insertedBeforeAnExtensionAlreadyNamingTheTarget() {
        assertRewrite(HEROKU,
                "SET a = 1;\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                "SET a = 1;\nCREATE SCHEMA IF NOT EXISTS heroku_ext;\n\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                ID + " 2:1");
    }

    @Test
    void skippedExtensionsDoNotTriggerIt() {
        assertRewrite(HEROKU,
                "SET a = 1;\nCREATE EXTENSION plpgsql WITH SCHEMA pg_catalog;\nCREATE EXTENSION hstore;\n",
                "SET a = 1;\nCREATE EXTENSION plpgsql WITH SCHEMA pg_catalog;\n"
                        + "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\nCREATE EXTENSION hstore WITH SCHEMA heroku_ext;\n",
                ID + " 3:1", EXT + " 3:24");
    }

    @Test
    void extensionStayingInAnotherSchemaDoesNotTriggerIt() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).sourceSchemas(List.of("public")).build();
        assertUnchanged(options, "SET a = 1;\nCREATE EXTENSION postgis WITH SCHEMA postgis;\n");
    }

    @Test
    void notWhenTheInputCreatedTheTargetEarlier() {
        assertRewrite(HEROKU,
                "CREATE SCHEMA heroku_ext;\n\nCREATE EXTENSION citext WITH SCHEMA public;\n",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                CreateSchemaIfNotExistsRule.ID + " 1:14", EXT + " 3:37");
    }

    @Test
    void notWhenTheInputCreatedTheTargetWithAuthorization() {
        assertRewrite(HEROKU,
                "CREATE SCHEMA IF NOT EXISTS heroku_ext AUTHORIZATION app;\nCREATE EXTENSION citext;\n",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext AUTHORIZATION app;\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                EXT + " 2:24");
    }

    @Test
    void neverForTargetPublic() {
        assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT),
                "SET a = 1;\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                "SET a = 1;\nCREATE EXTENSION citext WITH SCHEMA public;\n",
                EXT + " 2:37");
    }

    @Test
    void crlfInputGetsCrlf() {
        assertRewrite(HEROKU,
                "SET a = 1;\r\n\r\nCREATE EXTENSION hstore;\r\n",
                "SET a = 1;\r\n\r\nCREATE SCHEMA IF NOT EXISTS heroku_ext;\r\n\r\nCREATE EXTENSION hstore WITH SCHEMA heroku_ext;\r\n",
                ID + " 3:1", EXT + " 3:24");
    }

    @Test
    void supabaseTarget() {
        assertRewrite(RewriteOptions.of(Preset.SUPABASE),
                "SET a = 1;\nCREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;\n",
                "SET a = 1;\nCREATE SCHEMA IF NOT EXISTS extensions;\n\n"
                        + "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;\n",
                ID + " 2:1", EXT + " 2:53");
    }
}
