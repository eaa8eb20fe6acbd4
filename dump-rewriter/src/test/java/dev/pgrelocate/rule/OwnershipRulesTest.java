package dev.pgrelocate.rule;

import static dev.pgrelocate.support.RewriteHarness.assertRewrite;
import static dev.pgrelocate.support.RewriteHarness.assertUnchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import org.junit.jupiter.api.Test;

/** Issue 4's rules: --no-owner, --no-acl, --map-role, --no-event-triggers and extension comments. */
class OwnershipRulesTest {

    private static final RewriteOptions NO_OWNER = RewriteOptions.builder().noOwner(true).build();
    private static final RewriteOptions NO_ACL = RewriteOptions.builder().noAcl(true).build();

    @Test
    void noOwnerDropsOwnerStatementsAndSessionAuthorization() {
        assertRewrite(NO_OWNER,
                "CREATE TABLE app.t (id int);\n"
                        + "ALTER TABLE app.t OWNER TO app_owner;\n"
                        + "ALTER FUNCTION app.f(a integer) OWNER TO \"Report Writer\";\n"
                        + "SET SESSION AUTHORIZATION 'app_owner';\n"
                        + "CREATE VIEW app.v AS SELECT 1;\n"
                        + "RESET SESSION AUTHORIZATION;\n",
                "CREATE TABLE app.t (id int);\n"
                        + "CREATE VIEW app.v AS SELECT 1;\n",
                "no-owner 2:1", "no-owner 3:1", "no-owner 4:1", "no-owner 6:1");
    }

    @Test
    void noOwnerRemovesAuthorizationButKeepsTheSchemaName() {
        assertRewrite(NO_OWNER,
                "CREATE SCHEMA app AUTHORIZATION app_owner;\nCREATE SCHEMA AUTHORIZATION joe;\n",
                "CREATE SCHEMA IF NOT EXISTS app;\nCREATE SCHEMA IF NOT EXISTS joe;\n",
                "no-owner 1:18", "create-schema-if-not-exists 1:14", "no-owner 2:15", "create-schema-if-not-exists 2:14");
    }

    @Test
    void noOwnerLeavesOtherStatementsNamingOwnersAlone() {
        assertUnchanged(NO_OWNER, "ALTER TABLE app.t RENAME TO owner_to;\nCOMMENT ON TABLE app.t IS 'OWNER TO x';\n"
                + "GRANT SELECT ON TABLE app.t TO app_reader;\n");
    }

    @Test
    void noAclDropsGrantsRevokesDefaultPrivilegesAndTheAclEntrysSessionSwitches() {
        assertRewrite(NO_ACL,
                "CREATE TABLE app.t (id int);\n\n"
                        + "--\n-- Name: TABLE t; Type: ACL; Schema: app; Owner: app_owner\n--\n\n"
                        + "GRANT SELECT ON TABLE app.t TO g1 WITH GRANT OPTION;\n"
                        + "SET SESSION AUTHORIZATION g1;\n"
                        + "GRANT SELECT ON TABLE app.t TO g2;\n"
                        + "RESET SESSION AUTHORIZATION;\n\n"
                        + "--\n-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: app; Owner: app_owner\n--\n\n"
                        + "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON TABLES  TO app_reader;\n",
                "CREATE TABLE app.t (id int);\n\n"
                        + "--\n-- Name: TABLE t; Type: ACL; Schema: app; Owner: app_owner\n--\n\n"
                        + "\n"
                        + "--\n-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: app; Owner: app_owner\n--\n\n",
                "no-acl 7:1", "no-acl 8:1", "no-acl 9:1", "no-acl 10:1", "no-acl 16:1");
    }

    @Test
    void noAclKeepsSessionAuthorizationOutsideAclEntries() {
        assertUnchanged(NO_ACL, "--\n-- Name: t; Type: TABLE; Schema: app; Owner: x\n--\n\nSET SESSION AUTHORIZATION 'x';\n");
    }

    @Test
    void mapRoleRenamesRolesInEveryPositionWithQuoting() {
        RewriteOptions options = RewriteOptions.builder().dropExtensionComments(false)
                .mapRole("app_owner", "app").mapRole("Report Writer", "Owner Of Reports").mapRole("app_reader", "reader")
                .build();
        assertRewrite(options,
                "ALTER TABLE app.t OWNER TO app_owner;\n"
                        + "SET SESSION AUTHORIZATION 'app_owner';\n"
                        + "GRANT SELECT ON TABLE app.t TO app_reader, \"Report Writer\" WITH GRANT OPTION;\n"
                        + "GRANT SELECT (id) ON TABLE app.t TO GROUP app_reader GRANTED BY app_owner;\n"
                        + "REVOKE ALL ON SCHEMA app FROM PUBLIC, app_reader;\n"
                        + "ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON TABLES  TO app_reader;\n"
                        + "CREATE POLICY p ON app.t TO app_reader USING ((owner = CURRENT_USER));\n"
                        + "CREATE SCHEMA s AUTHORIZATION \"Report Writer\";\n",
                "ALTER TABLE app.t OWNER TO app;\n"
                        + "SET SESSION AUTHORIZATION 'app';\n"
                        + "GRANT SELECT ON TABLE app.t TO reader, \"Owner Of Reports\" WITH GRANT OPTION;\n"
                        + "GRANT SELECT (id) ON TABLE app.t TO GROUP reader GRANTED BY app;\n"
                        + "REVOKE ALL ON SCHEMA app FROM PUBLIC, reader;\n"
                        + "ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA app GRANT SELECT ON TABLES  TO reader;\n"
                        + "CREATE POLICY p ON app.t TO reader USING ((owner = CURRENT_USER));\n"
                        + "CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION \"Owner Of Reports\";\n",
                "map-role 1:28", "map-role 2:27", "map-role 3:32", "map-role 3:44", "map-role 4:43", "map-role 4:65",
                "map-role 5:39", "map-role 6:35", "map-role 6:86", "map-role 7:29",
                "map-role 8:31", "create-schema-if-not-exists 8:14");
    }

    @Test
    void mapRoleKeepsTheSchemaNameOfANamelessCreateSchema() {
        assertRewrite(RewriteOptions.builder().mapRole("joe", "app").build(),
                "CREATE SCHEMA AUTHORIZATION joe;\n",
                "CREATE SCHEMA IF NOT EXISTS joe AUTHORIZATION app;\n",
                "map-role 1:15", "map-role 1:29", "create-schema-if-not-exists 1:14");
    }

    @Test
    void mapRoleLeavesUnmappedRolesAndLookAlikesAlone() {
        assertUnchanged(RewriteOptions.builder().mapRole("app_owner", "app").build(),
                "GRANT SELECT ON TABLE app.app_owner TO other;\nALTER TABLE app.t RENAME TO app_owner;\n"
                        + "COMMENT ON TABLE app.t IS 'OWNER TO app_owner';\n");
    }

    @Test
    void mapRoleNeedsBothNamesAndOneTargetPerRole() {
        assertThrows(PgRelocateException.class, () -> RewriteOptions.builder().mapRole("a", ""));
        assertThrows(PgRelocateException.class, () -> RewriteOptions.builder().mapRole("no-equals-sign"));
        assertEquals(java.util.Map.of("Report Writer", "app"),
                RewriteOptions.builder().mapRole(" Report Writer = app ").build().roleMap(), "OLD=NEW, trimmed");
        PgRelocateException twice = assertThrows(PgRelocateException.class,
                () -> RewriteOptions.builder().mapRole("a", "b").mapRole("a", "c"));
        assertEquals(PgRelocateException.EXIT_USAGE, twice.exitCode());
    }

    @Test
    void noEventTriggersDropsTheTriggerItsCommentAndOwner() {
        assertRewrite(RewriteOptions.builder().noEventTriggers(true).build(),
                "CREATE FUNCTION public.guard() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;\n"
                        + "CREATE EVENT TRIGGER guard ON ddl_command_end\n         EXECUTE FUNCTION public.guard();\n"
                        + "ALTER EVENT TRIGGER guard OWNER TO postgres;\n"
                        + "COMMENT ON EVENT TRIGGER guard IS 'x';\n",
                "CREATE FUNCTION public.guard() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;\n",
                "no-event-triggers 2:1", "no-event-triggers 4:1", "no-event-triggers 5:1");
    }

    @Test
    void herokuDropsCommentsOfExtensionsTheRestorerWillNotOwn() {
        assertRewrite(RewriteOptions.of(Preset.HEROKU),
                "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n"
                        + "CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;\n"
                        + "COMMENT ON EXTENSION postgis_topology IS 'topology';\n"
                        + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n"
                        + "COMMENT ON EXTENSION citext IS 'ci';\n",
                "CREATE EXTENSION IF NOT EXISTS postgis_topology WITH SCHEMA topology;\n"
                        + "CREATE SCHEMA IF NOT EXISTS heroku_ext;\n\n"
                        + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;\n"
                        + "COMMENT ON EXTENSION citext IS 'ci';\n",
                "extension-comment 1:1", "extension-comment 3:1", "ensure-target-schema 4:1");
    }

    @Test
    void extensionCommentsStayWhereTheOptionIsOff() {
        assertUnchanged(RewriteOptions.of(Preset.HEROKU_EXIT), "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n");
        assertUnchanged(RewriteOptions.builder().dropExtensionComments(false).build(),
                "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n");
    }
}
