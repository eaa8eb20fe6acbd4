package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.OwnerFixtures.DumpError;
import dev.pgrelocate.testing.OwnerRestoreChecks.Expectations;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures of {@code fixtures/owners} are what the issue "Owners and privileges" needs: real
 * dumps that restore unmodified as the superuser where their roles exist (same rows, large object,
 * owners, privileges and {@code pg_dump -s} as the source), that fail for a non-superuser where
 * they do not, and whose failing statements are exactly the kinds README.md lists, each handled by
 * the option it names. The last part is shown with {@link NaiveOwnerRewrite}, a line-based stand-in
 * for the rules (nothing here runs the real rewriter; {@code OwnerRewriteRestoreTest} does).
 *
 * <p>Two servers: {@link #rolesServer} has the roles of {@code owners_roles.sql} and the source
 * database; {@link EmbeddedServerTest#server} is "another host", where only {@code app} (and, for
 * the mapped restores, {@code app_read}) exists.
 */
class OwnerFixturesTest extends EmbeddedServerTest {

    /** The mapping of the proof: both owners and the quoted role to app, the reader to app_read. */
    static final Map<String, String> ROLE_MAP = Map.of(
            OwnerFixtures.APP_OWNER, PlatformSetup.APP_ROLE,
            OwnerFixtures.REPORTING_OWNER, PlatformSetup.APP_ROLE,
            OwnerFixtures.APP_READER, "app_read",
            OwnerFixtures.REPORT_WRITER, PlatformSetup.APP_ROLE);
    /** Where the extensions are when nothing moves them. */
    static final Map<String, String> EXTENSIONS_IN_PLACE = Map.of("citext", "public", "hstore", "public", "plpgsql", "pg_catalog");

    private static EmbeddedServer rolesServer;
    private static PsqlRunner rolesPsql;
    private static String source;

    @TempDir
    Path work;

    @BeforeAll
    static void buildSourceOnAServerWithTheRoles() throws Exception {
        rolesServer = EmbeddedServer.start();
        rolesPsql = new PsqlRunner(rolesServer);
        source = OwnerFixtures.buildSource(rolesServer);
    }

    @AfterAll
    static void stopRolesServer() {
        if (rolesServer != null) {
            rolesServer.close();
            rolesServer = null;
        }
    }

    // --- (a) unmodified, as the superuser, where the roles exist --------------------------------------

    @ParameterizedTest(name = "{0} restores unmodified as postgres where the roles exist")
    @ValueSource(strings = {OwnerFixtures.PLAIN, OwnerFixtures.CLEAN, OwnerFixtures.SESSAUTH})
    void unmodifiedDumpRestoresAsTheSourceForTheSuperuser(String dump) throws Exception {
        RestoreTarget target = OwnerFixtures.superuserTarget(rolesServer, dump);

        PsqlResult result = rolesPsql.runFile(target, Fixtures.owners(dump));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        DatabaseSnapshot expected = DatabaseSnapshot.take(rolesServer, source);
        DatabaseSnapshot restored = DatabaseSnapshot.take(rolesServer, target.database());
        assertEquals(expected, restored, "rows, checksums and extension schemas");
        assertEquals(new TreeMap<>(OwnerFixtures.ROWS), new TreeMap<>(restored.rowCounts()));
        assertEquals(OwnerFixtures.largeObjects(rolesServer, source), OwnerFixtures.largeObjects(rolesServer, target.database()),
                "large object: oid, owner, ACL, data");
        // Owners, privileges, default privileges, policies, the event trigger: all in pg_dump -s.
        assertEquals("", SchemaDumpComparison.diffOfDumps(source, OwnerFixtures.schemaDumpWithoutPlpgsql(rolesServer, source),
                target.database(), OwnerFixtures.schemaDumpWithoutPlpgsql(rolesServer, target.database())));
    }

    /** --use-set-session-authorization creates each schema as its owner: CREATE on the database is needed first. */
    @Test
    void sessionAuthorizationDumpNeedsCreateOnTheDatabaseForTheSchemaOwners() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(rolesServer).withRole(PostgresServer.SUPERUSER);
        Path dump = Fixtures.owners(OwnerFixtures.SESSAUTH);

        PsqlResult result = rolesPsql.runFile(target, dump);

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("ERROR:  permission denied for database " + target.database(), OwnerFixtures.firstError(result));
        assertEquals("CREATE SCHEMA app;", OwnerFixtures.failingStatement(dump, result));
    }

    // --- (b) unmodified, as a non-superuser -----------------------------------------------------------

    /** The pain: another host, where none of the dump's roles exists, and a restorer that is not a superuser. */
    @ParameterizedTest(name = "{0} fails as app where the roles do not exist: {1}")
    @CsvSource(delimiter = '|', value = {
        OwnerFixtures.PLAIN + "   | ERROR:  role \"app_owner\" does not exist   | ALTER SCHEMA app OWNER TO app_owner;",
        OwnerFixtures.CLEAN + "   | ERROR:  must be owner of extension plpgsql  | DROP EXTENSION IF EXISTS plpgsql;",
        OwnerFixtures.SESSAUTH + "| ERROR:  role \"app_owner\" does not exist   | SET SESSION AUTHORIZATION 'app_owner';",
    })
    void unmodifiedDumpFailsForANonSuperuserWhereTheRolesDoNotExist(String dump, String error, String statement)
            throws Exception {
        assertFalse(OwnerFixtures.rolesExist(server), "the other host has none of the dump's roles");
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        Path file = Fixtures.owners(dump);

        PsqlResult result = psql.runFile(target, file);

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals(error, OwnerFixtures.firstError(result), result::toString);
        assertEquals(statement, OwnerFixtures.failingStatement(file, result));
    }

    /** The same where the roles exist (pg_dumpall --globals-only was restored) but the restorer is no member of them. */
    @ParameterizedTest(name = "{0} fails as app where the roles exist: {1}")
    @CsvSource(delimiter = '|', value = {
        OwnerFixtures.PLAIN + "   | ERROR:  must be member of role \"app_owner\"                      | ALTER SCHEMA app OWNER TO app_owner;",
        OwnerFixtures.CLEAN + "   | ERROR:  must be owner of extension plpgsql                        | DROP EXTENSION IF EXISTS plpgsql;",
        OwnerFixtures.SESSAUTH + "| ERROR:  permission denied to set session authorization \"app_owner\" | SET SESSION AUTHORIZATION 'app_owner';",
    })
    void unmodifiedDumpFailsForANonSuperuserWhereTheRolesExist(String dump, String error, String statement)
            throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(rolesServer);
        Path file = Fixtures.owners(dump);

        PsqlResult result = rolesPsql.runFile(target, file);

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals(error, OwnerFixtures.firstError(result), result::toString);
        assertEquals(statement, OwnerFixtures.failingStatement(file, result));
    }

    // --- (c) which statements fail, and which option handles them ----------------------------------------

    /**
     * Without ON_ERROR_STOP psql reports every failing statement: each is of a kind README.md lists,
     * and there are as many of each as its table says.
     */
    @ParameterizedTest(name = "every statement of {0} that fails as app is of a listed kind")
    @ValueSource(strings = {OwnerFixtures.PLAIN, OwnerFixtures.CLEAN, OwnerFixtures.SESSAUTH})
    void everyFailingStatementIsOfAListedKind(String dump) throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        Path file = Fixtures.owners(dump);

        PsqlResult result = psql.runFileContinuingOnError(target, file);

        List<String> unlisted = new ArrayList<>();
        Map<OwnerStatementKind, Integer> counts = new EnumMap<>(OwnerStatementKind.class);
        for (DumpError error : OwnerFixtures.errors(result)) {
            String statement = OwnerFixtures.statementAt(file, error.line());
            OwnerStatementKind kind = OwnerStatementKind.of(statement);
            if (kind == null) {
                unlisted.add(error.line() + ": " + statement + ": " + error.message());
            } else {
                counts.merge(kind, 1, Integer::sum);
            }
        }
        assertEquals(List.of(), unlisted, "failing statements of no listed kind");
        assertEquals(FAILURES.get(dump), counts, "failing statements per kind (README.md, 'What fails')");
    }

    /**
     * README.md's "What fails" table: failing statements per kind, per dump. Fewer than the dump
     * holds of some kinds: the REVOKE ... FROM PUBLIC, RESET SESSION AUTHORIZATION and
     * SET SESSION AUTHORIZATION DEFAULT lines, the other extensions' comments and drops and
     * DROP EVENT TRIGGER IF EXISTS run without error.
     */
    private static final Map<String, Map<OwnerStatementKind, Integer>> FAILURES = Map.of(
            OwnerFixtures.PLAIN, counts(OwnerStatementKind.OWNER, 29, OwnerStatementKind.ACL_GRANTOR, 2,
                    OwnerStatementKind.PRIVILEGE, 23, OwnerStatementKind.DEFAULT_PRIVILEGES, 4,
                    OwnerStatementKind.POLICY, 2, OwnerStatementKind.EXTENSION_COMMENT, 1, OwnerStatementKind.EVENT_TRIGGER, 3),
            OwnerFixtures.CLEAN, counts(OwnerStatementKind.OWNER, 29, OwnerStatementKind.ACL_GRANTOR, 2,
                    OwnerStatementKind.PRIVILEGE, 23, OwnerStatementKind.DEFAULT_PRIVILEGES, 4,
                    OwnerStatementKind.POLICY, 2, OwnerStatementKind.EXTENSION_COMMENT, 1, OwnerStatementKind.EXTENSION_DROP, 1,
                    OwnerStatementKind.EVENT_TRIGGER, 3),
            OwnerFixtures.SESSAUTH, counts(OwnerStatementKind.SESSION_OWNER, 46, OwnerStatementKind.ACL_GRANTOR, 2,
                    OwnerStatementKind.PRIVILEGE, 23, OwnerStatementKind.DEFAULT_PRIVILEGES, 4,
                    OwnerStatementKind.POLICY, 2, OwnerStatementKind.EXTENSION_COMMENT, 1, OwnerStatementKind.EVENT_TRIGGER, 2));

    private static Map<OwnerStatementKind, Integer> counts(Object... kindsAndCounts) {
        Map<OwnerStatementKind, Integer> counts = new EnumMap<>(OwnerStatementKind.class);
        for (int i = 0; i < kindsAndCounts.length; i += 2) {
            counts.put((OwnerStatementKind) kindsAndCounts[i], (Integer) kindsAndCounts[i + 1]);
        }
        return counts;
    }

    /**
     * Dropping every kind that --no-owner, --no-acl, --no-event-triggers and the extension comments
     * handle is not enough: the policies still name app_reader and "Report Writer".
     */
    @ParameterizedTest(name = "{0} without owners, ACLs, event trigger and plpgsql's statements still fails on its policies")
    @ValueSource(strings = {OwnerFixtures.PLAIN, OwnerFixtures.CLEAN, OwnerFixtures.SESSAUTH})
    void strippingLeavesThePoliciesFailing(String dump) throws Exception {
        Path stripped = work.resolve(dump);
        new NaiveOwnerRewrite(true, true, true, true, Map.of()).rewrite(Fixtures.owners(dump), stripped);
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);

        PsqlResult result = psql.runFile(target, stripped);

        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("ERROR:  role \"app_reader\" does not exist", OwnerFixtures.firstError(result), result::toString);
        assertEquals(OwnerStatementKind.POLICY, OwnerStatementKind.of(OwnerFixtures.failingStatement(stripped, result)));
    }

    /**
     * With each kind handled as README.md says (and nothing else touched), every dump restores as
     * app where the roles do not exist, and passes {@link OwnerRestoreChecks}: so the table is
     * complete, and the checks hold for a correct rewrite.
     */
    @ParameterizedTest(name = "{0}, {1}: the naive stand-in restores as app and passes the checks")
    @CsvSource({
        OwnerFixtures.PLAIN + ",    STRIP_AND_MAP_POLICY_ROLES",
        OwnerFixtures.CLEAN + ",    STRIP_AND_MAP_POLICY_ROLES",
        OwnerFixtures.SESSAUTH + ", STRIP_AND_MAP_POLICY_ROLES",
        OwnerFixtures.PLAIN + ",    MAP",
        OwnerFixtures.CLEAN + ",    MAP",
        OwnerFixtures.SESSAUTH + ", MAP",
    })
    void naiveStandInRestoresAndPassesTheChecks(String dump, Variant variant) throws Exception {
        server.createRoleIfMissing("app_read", "NOLOGIN");
        Path rewritten = work.resolve(dump);
        variant.rewrite.rewrite(Fixtures.owners(dump), rewritten);
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);

        PsqlResult result = psql.runFile(target, rewritten);

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        OwnerRestoreChecks.assertRestored(rolesServer, source, server, target.database(), variant.expectations);
    }

    enum Variant {
        /** --no-owner --no-acl --no-event-triggers, plpgsql's statements dropped, policy roles mapped. */
        STRIP_AND_MAP_POLICY_ROLES(
                new NaiveOwnerRewrite(true, true, true, true,
                        Map.of(OwnerFixtures.APP_READER, "app_read", OwnerFixtures.REPORT_WRITER, PlatformSetup.APP_ROLE)),
                new Expectations(PlatformSetup.APP_ROLE,
                        Map.of(OwnerFixtures.APP_READER, "app_read", OwnerFixtures.REPORT_WRITER, PlatformSetup.APP_ROLE),
                        false, true, EXTENSIONS_IN_PLACE)),
        /** --map-role for all four roles, --no-event-triggers, plpgsql's statements dropped. */
        MAP(new NaiveOwnerRewrite(false, false, true, true, ROLE_MAP),
                new Expectations(PlatformSetup.APP_ROLE, ROLE_MAP, true, true, EXTENSIONS_IN_PLACE));

        final NaiveOwnerRewrite rewrite;
        final Expectations expectations;

        Variant(NaiveOwnerRewrite rewrite, Expectations expectations) {
            this.rewrite = rewrite;
            this.expectations = expectations;
        }
    }

    @Test
    void theOtherHostHasNoneOfTheRoles() throws Exception {
        assertFalse(OwnerFixtures.rolesExist(server));
        assertTrue(OwnerFixtures.rolesExist(rolesServer));
    }
}
