package dev.pgrelocate.rule;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each input starts with the target schema already created, so that {@link EnsureTargetSchemaRule}
 * stays out of the way (it has its own test).
 */
class ExtensionSchemaRuleTest {
    private static final RewriteOptions HEROKU = RewriteOptions.of(Preset.HEROKU);
    private static final String PRELUDE = "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n";
    private static final String ID = ExtensionSchemaRule.ID;

    @Test
    void withSchemaPublicMovesToHerokuExt() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n",
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n",
                ID + " 2:51");
        Change c = r.report().changes().get(0);
        assertEquals("extension citext: SCHEMA public -> heroku_ext", c.description());
        assertEquals("extension \"citext\" must be installed in schema \"heroku_ext\"", c.failure());
    }

    @Test
    void missingSchemaIsAddedAfterTheName() {
        Rewriter.SqlRewrite r = assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION hstore;\n",
                PRELUDE + "CREATE EXTENSION hstore WITH SCHEMA heroku_ext;\n",
                ID + " 2:24");
        assertEquals("extension hstore: added WITH SCHEMA heroku_ext", r.report().changes().get(0).description());
    }

    @Test
    void withVersionGetsSchemaRightAfterWith() {
        assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION hstore WITH VERSION '1.0';\n",
                PRELUDE + "CREATE EXTENSION hstore WITH SCHEMA heroku_ext VERSION '1.0';\n",
                ID + " 2:29");
    }

    @Test
    void versionWithoutWith() {
        assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION hstore VERSION '1.0';\n",
                PRELUDE + "CREATE EXTENSION hstore WITH SCHEMA heroku_ext VERSION '1.0';\n",
                ID + " 2:24");
    }

    @Test
    void quotedExtensionName() {
        assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public;\n"
                        + "CREATE EXTENSION \"uuid-ossp\";\n",
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA heroku_ext;\n"
                        + "CREATE EXTENSION \"uuid-ossp\" WITH SCHEMA heroku_ext;\n",
                ID + " 2:56", ID + " 3:29");
    }

    @Test
    void quotedSchemaName() {
        assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION citext WITH SCHEMA \"public\";\n",
                PRELUDE + "CREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                ID + " 2:37");
    }

    @Test
    void cascade() {
        assertRewrite(HEROKU,
                PRELUDE + "CREATE EXTENSION postgis CASCADE;\n"
                        + "CREATE EXTENSION earthdistance WITH SCHEMA public CASCADE;\n",
                PRELUDE + "CREATE EXTENSION postgis WITH SCHEMA heroku_ext CASCADE;\n"
                        + "CREATE EXTENSION earthdistance WITH SCHEMA heroku_ext CASCADE;\n",
                ID + " 2:25", ID + " 3:44");
    }

    @Test
    void lowerCaseSchemaWithoutWithOverSeveralLines() {
        assertRewrite(HEROKU,
                PRELUDE + "create extension if not exists pg_trgm\n    schema public;\n",
                PRELUDE + "create extension if not exists pg_trgm\n    schema heroku_ext;\n",
                ID + " 3:12");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n",
        "CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;\n",
        "CREATE EXTENSION IF NOT EXISTS postgis_tiger_geocoder WITH SCHEMA tiger;\n",
        "CREATE EXTENSION plpgsql;\n",
    })
    void defaultExclusionsStayWhereTheyAre(String statement) {
        assertUnchanged(HEROKU, statement);
    }

    @Test
    void customExclusionStaysWhereItIs() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).exclude(List.of("postgis")).build();
        assertRewrite(options,
                PRELUDE + "CREATE EXTENSION postgis WITH SCHEMA public;\nCREATE EXTENSION citext WITH SCHEMA public;\n",
                PRELUDE + "CREATE EXTENSION postgis WITH SCHEMA public;\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                ID + " 3:37");
    }

    @Test
    void noDefaultExcludesMovesPlpgsqlToo() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).defaultExcludes(false).build();
        assertRewrite(options,
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n",
                PRELUDE + "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA heroku_ext;\n",
                ID + " 2:52");
    }

    @Test
    void alreadyInTheTargetIsLeftAlone() {
        assertUnchanged(HEROKU, PRELUDE + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n");
    }

    @Test
    void herokuExitMovesHerokuExtBackToPublic() {
        Rewriter.SqlRewrite r = assertRewrite(RewriteOptions.of(Preset.HEROKU_EXIT),
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n",
                ID + " 1:51");
        assertNull(r.report().changes().get(0).failure(), "public is not the platform's");
    }

    @Test
    void schemaNotInTheSourceListIsLeftAlone() {
        assertUnchanged(RewriteOptions.of(Preset.HEROKU_EXIT),
                "CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA postgis;\n"
                        + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n");
    }

    @Test
    void explicitSourceListMovesOnlyThoseSchemas() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).sourceSchemas(List.of("public")).build();
        assertRewrite(options,
                PRELUDE + "CREATE EXTENSION postgis WITH SCHEMA postgis;\nCREATE EXTENSION citext WITH SCHEMA public;\n",
                PRELUDE + "CREATE EXTENSION postgis WITH SCHEMA postgis;\nCREATE EXTENSION citext WITH SCHEMA heroku_ext;\n",
                ID + " 3:37");
    }

    @Test
    void supabaseMovesToExtensions() {
        assertRewrite(RewriteOptions.of(Preset.SUPABASE),
                "CREATE SCHEMA IF NOT EXISTS extensions;\nCREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;\n",
                "CREATE SCHEMA IF NOT EXISTS extensions;\nCREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;\n",
                ID + " 2:53");
    }

    @Test
    void targetThatNeedsQuotingIsQuoted() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).targetSchema("Ext Schema").build();
        assertRewrite(options,
                "CREATE SCHEMA IF NOT EXISTS \"Ext Schema\";\nCREATE EXTENSION citext WITH SCHEMA public;\n",
                "CREATE SCHEMA IF NOT EXISTS \"Ext Schema\";\nCREATE EXTENSION citext WITH SCHEMA \"Ext Schema\";\n",
                ID + " 2:37");
    }

    @Test
    void otherStatementsAboutExtensionsAreLeftAlone() {
        // Issue 4's extension-comment rule would drop the comment of an extension this snippet does not create.
        assertUnchanged(RewriteOptions.builder().dropExtensionComments(false).build(), PRELUDE
                + "COMMENT ON EXTENSION citext IS 'CREATE EXTENSION citext WITH SCHEMA public;';\n"
                + "DROP EXTENSION IF EXISTS citext;\n"
                + "ALTER EXTENSION citext UPDATE;\n");
    }
}
