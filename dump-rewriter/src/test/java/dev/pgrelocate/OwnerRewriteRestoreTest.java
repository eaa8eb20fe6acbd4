package dev.pgrelocate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.testing.EmbeddedServer;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.OwnerFixtures;
import dev.pgrelocate.testing.OwnerRestoreChecks;
import dev.pgrelocate.testing.OwnerRestoreChecks.Expectations;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import dev.pgrelocate.testing.RestoreTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the issue "Owners and privileges": real pg_dump 15 output of a database with two
 * owner roles, a quoted one and a read role ({@code fixtures/owners}), rewritten with each owner
 * option, restores with psql (ON_ERROR_STOP) as the non-superuser app on a server where none of
 * those roles exists, vanilla and Heroku-like, and the restored database is the source with its
 * roles replaced: same rows, the mapped owners and privileges, policies, comments and bodies
 * unchanged ({@link OwnerRestoreChecks}).
 *
 * <p>The source is built on a second server, which has the roles. {@code OwnerFixturesTest} shows
 * the same checks pass for a line-based stand-in and fail for the unmodified dumps.
 */
class OwnerRewriteRestoreTest extends EmbeddedServerTest {

    private static final String APP = PlatformSetup.APP_ROLE;
    private static final String APP_READ = "app_read";
    /** Where the heroku preset puts the extensions (plpgsql stays: excluded by default). */
    private static final Map<String, String> HEROKU_EXTENSIONS = Map.of("citext", "heroku_ext", "hstore", "heroku_ext",
            "plpgsql", "pg_catalog");

    private static EmbeddedServer rolesServer;
    private static String source;

    @TempDir
    Path work;

    @BeforeAll
    static void buildSourceOnAServerWithTheRoles() throws Exception {
        rolesServer = EmbeddedServer.start();
        source = OwnerFixtures.buildSource(rolesServer);
    }

    @AfterAll
    static void stopRolesServer() {
        if (rolesServer != null) {
            rolesServer.close();
            rolesServer = null;
        }
    }

    /** The option sets of the proof, as the command line would spell them. */
    enum OwnerOptions {
        /**
         * --no-owner --no-acl --no-event-triggers, with the two roles the policies name mapped:
         * a policy's role list is never dropped (that would loosen or tighten row security), so
         * without the mapping the rewrite warns and the restore stops at the policy, as
         * pg_restore's would ({@link #stripAloneKeepsPolicyRolesAndSaysSo}).
         */
        STRIP_MAPPING_POLICY_ROLES("--no-owner --no-acl --no-event-triggers --map-role app_reader=app_read --map-role \"Report Writer\"=app",
                b -> b.noOwner(true).noAcl(true).noEventTriggers(true)
                        .mapRole(OwnerFixtures.APP_READER, APP_READ).mapRole(OwnerFixtures.REPORT_WRITER, APP),
                Map.of(OwnerFixtures.APP_READER, APP_READ, OwnerFixtures.REPORT_WRITER, APP), false, true),
        /** The mapping: both owners and the quoted role to app, the reader to app_read (created on the target). */
        MAP_ROLES("--map-role app_owner=app --map-role reporting_owner=app --map-role app_reader=app_read"
                + " --map-role \"Report Writer\"=app --no-event-triggers",
                b -> b.mapRole(OwnerFixtures.APP_OWNER, APP).mapRole(OwnerFixtures.REPORTING_OWNER, APP)
                        .mapRole(OwnerFixtures.APP_READER, APP_READ).mapRole(OwnerFixtures.REPORT_WRITER, APP)
                        .noEventTriggers(true),
                Map.of(OwnerFixtures.APP_OWNER, APP, OwnerFixtures.REPORTING_OWNER, APP,
                        OwnerFixtures.APP_READER, APP_READ, OwnerFixtures.REPORT_WRITER, APP), true, true);

        final String commandLine;
        final UnaryOperator<RewriteOptions.Builder> configure;
        final Map<String, String> roles;
        final boolean privilegesKept;
        final boolean policyRolesChecked;

        OwnerOptions(String commandLine, UnaryOperator<RewriteOptions.Builder> configure, Map<String, String> roles,
                boolean privilegesKept, boolean policyRolesChecked) {
            this.commandLine = commandLine;
            this.configure = configure;
            this.roles = roles;
            this.privilegesKept = privilegesKept;
            this.policyRolesChecked = policyRolesChecked;
        }

        Expectations expectations(Map<String, String> extensionSchemas) {
            return new Expectations(APP, roles, privilegesKept, policyRolesChecked, extensionSchemas);
        }

        @Override
        public String toString() {
            return commandLine;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String dump : OwnerFixtures.DUMPS) {
            for (OwnerOptions options : OwnerOptions.values()) {
                for (PlatformSetup platform : List.of(PlatformSetup.VANILLA, PlatformSetup.HEROKU_LIKE)) {
                    cases.add(Arguments.of(dump, options, platform));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with --preset heroku {1} restores as app on {2}")
    @MethodSource("cases")
    void rewrittenDumpRestoresForANonSuperuserWhereTheRolesDoNotExist(String dump, OwnerOptions options,
            PlatformSetup platform) throws Exception {
        assertFalse(OwnerFixtures.rolesExist(server), "the target server has none of the dump's roles");
        server.createRoleIfMissing(APP_READ, "NOLOGIN");
        RewriteOptions rewriteOptions = options.configure.apply(RewriteOptions.builder().preset(Preset.HEROKU)).build();
        Path rewritten = work.resolve(dump);
        new FileRewriter(new Rewriter(rewriteOptions)).rewrite(Fixtures.owners(dump), rewritten);
        RestoreTarget target = platform.prepare(server);

        PsqlResult result = psql.runFile(target, rewritten);

        assertEquals(0, result.exitCode(), () -> result + "\nat: " + failingStatement(rewritten, result));
        assertEquals("", result.stderr(), result::toString);
        OwnerRestoreChecks.assertRestored(rolesServer, source, server, target.database(),
                options.expectations(HEROKU_EXTENSIONS));
        assertSpotChecks(target.database(), options);
    }

    @Test
    void stripAloneKeepsPolicyRolesAndSaysSo() throws Exception {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU).noOwner(true).noAcl(true).noEventTriggers(true).build();
        var report = new FileRewriter(new Rewriter(options)).rewrite(Fixtures.owners(OwnerFixtures.PLAIN), work.resolve("strip.sql"));

        assertTrue(report.warnings().stream().anyMatch(w -> w.message().startsWith("policy keeps its roles app_reader, Report Writer")),
                report::toText);
    }

    /**
     * The extension comment option works with any preset: supabase keeps extension comments by
     * default, so plpgsql's fails; with dropExtensionComments(true) the dump restores.
     */
    @Test
    void extensionCommentsCanBeDroppedWithAnyPreset() throws Exception {
        server.createRoleIfMissing(APP_READ, "NOLOGIN");
        Path kept = work.resolve("kept.sql");
        Path dropped = work.resolve("dropped.sql");
        RewriteOptions.Builder keeping = OwnerOptions.MAP_ROLES.configure.apply(RewriteOptions.builder().preset(Preset.SUPABASE));
        new FileRewriter(new Rewriter(keeping.build())).rewrite(Fixtures.owners(OwnerFixtures.PLAIN), kept);
        RewriteOptions.Builder dropping = OwnerOptions.MAP_ROLES.configure.apply(RewriteOptions.builder().preset(Preset.SUPABASE))
                .dropExtensionComments(true);
        new FileRewriter(new Rewriter(dropping.build())).rewrite(Fixtures.owners(OwnerFixtures.PLAIN), dropped);

        RestoreTarget keptTarget = PlatformSetup.VANILLA.prepare(server);
        PsqlResult failing = psql.runFile(keptTarget, kept);
        RestoreTarget droppedTarget = PlatformSetup.VANILLA.prepare(server);
        PsqlResult restoring = psql.runFile(droppedTarget, dropped);

        assertEquals(3, failing.exitCode(), failing::toString);
        assertEquals("ERROR:  must be owner of extension plpgsql", OwnerFixtures.firstError(failing), failing::toString);
        assertEquals("COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';", failingStatement(kept, failing));
        assertEquals(0, restoring.exitCode(), restoring::toString);
        assertEquals("", restoring.stderr(), restoring::toString);
        OwnerRestoreChecks.assertRestored(rolesServer, source, server, droppedTarget.database(),
                OwnerOptions.MAP_ROLES.expectations(Map.of("citext", "extensions", "hstore", "extensions", "plpgsql", "pg_catalog")));
    }

    /** The issue's own words, as catalog queries: owners are the mapped roles, app_read has the mapped grants. */
    private void assertSpotChecks(String database, OwnerOptions options) throws Exception {
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        try (Connection connection = server.connectAsSuperuser(database); Statement statement = connection.createStatement()) {
            for (String relation : List.of("app.orders", "app.customer_orders", "reporting.monthly_revenue",
                    "reporting.\"Top Days\"", "reporting.saved_reports", "app.invoice_number_seq")) {
                expected.put("owner of " + relation, APP);
                actual.put("owner of " + relation, one(statement, "SELECT relowner::regrole::text FROM pg_class WHERE oid = '"
                        + relation.replace("'", "''") + "'::regclass"));
            }
            expected.put("owner of schema app", APP);
            actual.put("owner of schema app", one(statement, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'app'"));
            expected.put("owner of app.archive_orders(date)", APP);
            actual.put("owner of app.archive_orders(date)",
                    one(statement, "SELECT proowner::regrole::text FROM pg_proc WHERE oid = 'app.archive_orders(date)'::regprocedure"));
            expected.put("owner of large object", APP);
            actual.put("owner of large object", one(statement,
                    "SELECT lomowner::regrole::text FROM pg_largeobject_metadata WHERE oid = " + OwnerFixtures.LARGE_OBJECT));
            Map<String, String> privileges = new LinkedHashMap<>();
            if (options.privilegesKept) {
                // app_reader's grants, now app_read's; PUBLIC's revoked EXECUTE stays revoked.
                privileges.put("has_table_privilege('app_read', 'app.orders', 'SELECT')", "t");
                privileges.put("has_table_privilege('app_read', 'app.orders', 'INSERT')", "f");
                privileges.put("has_table_privilege('app_read', 'reporting.monthly_revenue', 'SELECT')", "t");
                privileges.put("has_table_privilege('app_read', 'reporting.saved_reports', 'SELECT')", "t");
                privileges.put("has_column_privilege('app_read', 'app.customers', 'name', 'SELECT')", "t");
                privileges.put("has_schema_privilege('app_read', 'app', 'USAGE')", "t");
                privileges.put("has_schema_privilege('app_read', 'reporting', 'USAGE')", "t");
                privileges.put("has_sequence_privilege('app_read', 'app.invoice_number_seq', 'USAGE')", "t");
                privileges.put("has_function_privilege('app_read', 'app.order_total(integer)', 'EXECUTE')", "t");
                privileges.put("has_function_privilege('app_read', 'app.archive_orders(date)', 'EXECUTE')", "t");
                privileges.put("has_function_privilege('app_read', 'app.same_domain(app.email, app.email)', 'EXECUTE')", "f");
                privileges.put("has_type_privilege('public', 'app.order_status', 'USAGE')", "f");
            } else {
                // No ACL: every object has its default privileges (PUBLIC may execute functions and use types).
                privileges.put("has_table_privilege('public', 'app.orders', 'SELECT')", "f");
                privileges.put("has_schema_privilege('public', 'app', 'USAGE')", "f");
                privileges.put("has_function_privilege('public', 'app.same_domain(app.email, app.email)', 'EXECUTE')", "t");
                privileges.put("has_type_privilege('public', 'app.order_status', 'USAGE')", "t");
            }
            for (Map.Entry<String, String> privilege : privileges.entrySet()) {
                expected.put(privilege.getKey(), privilege.getValue());
                actual.put(privilege.getKey(), one(statement, "SELECT " + privilege.getKey()));
            }
        }
        assertAll(expected.keySet().stream().map(key -> () -> assertEquals(expected.get(key), actual.get(key), key)));
    }

    private static String one(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String failingStatement(Path file, PsqlResult result) {
        try {
            return OwnerFixtures.failingStatement(file, result);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }
}
