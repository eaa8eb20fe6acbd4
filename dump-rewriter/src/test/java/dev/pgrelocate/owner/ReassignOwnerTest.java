package dev.pgrelocate.owner;

import static dev.pgrelocate.owner.OwnershipFixture.APPLICATION;
import static dev.pgrelocate.owner.OwnershipFixture.READER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.db.ConnectionUrl;
import dev.pgrelocate.owner.OwnershipFixture.Owners;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reassign-owner} on a real PostgreSQL 15: a database restored by the superuser is planned,
 * then applied, for {@code application} with read access for {@code reader}; afterwards the catalogs
 * say who owns what, and the roles prove it by altering and reading every object. A second database
 * that is never successfully changed takes the failures: a role that does not exist, a statement
 * that fails half-way, a role dropped between plan and apply.
 */
class ReassignOwnerTest extends EmbeddedServerTest {

    private static final ReassignOptions OPTIONS = new ReassignOptions(APPLICATION, READER, List.of());

    /** Objects made after initdb that keep their owner on purpose (see OwnershipPlanner). */
    private static final Map<String, String> KEEP_THEIR_OWNER = Map.of(
            "extension citext", "postgres",
            "extension hstore", "postgres",
            "foreign-data wrapper dummy_fdw", "postgres",
            "server dummy_server", "postgres",
            "schema heroku_ext", "postgres");

    /** Planned, then applied. */
    private static String shared;
    private static Owners before;
    private static Owners afterDryRun;
    private static OwnershipPlan dryRun;
    private static OwnershipPlan applied;
    private static Owners after;

    /** Never successfully changed. */
    private static String pending;

    @BeforeAll
    static void restoreAsSuperuserThenReassign() throws SQLException {
        OwnershipFixture.createRoles(server);
        shared = OwnershipFixture.createDatabase(server);
        pending = OwnershipFixture.createDatabase(server);
        before = Owners.take(server, shared);
        try (Connection connection = server.connectAsSuperuser(shared)) {
            dryRun = OwnershipPlanner.plan(connection, OPTIONS);
        }
        afterDryRun = Owners.take(server, shared);
        applied = ReassignOwner.apply(url(shared), OPTIONS);
        after = Owners.take(server, shared);
    }

    private static ConnectionUrl url(String database) {
        return ConnectionUrl.parse(server.jdbcUrl(database) + "?user=" + PostgresServer.SUPERUSER);
    }

    // ------------------------------------------------------------------ the plan

    @Test
    void aDryRunChangesNothing() {
        assertEquals(before, afterDryRun);
    }

    @Test
    void theAppliedPlanIsTheDryRunPlan() {
        assertEquals(dryRun.statements(), applied.statements());
    }

    @Test
    void planCoversEveryKindInOrder() {
        Map<ObjectKind, Integer> expected = new LinkedHashMap<>();
        expected.put(ObjectKind.SCHEMA, 3);             // "My Schema", "we""ird", public
        expected.put(ObjectKind.TABLE, 5);              // incl. the partition and heroku_ext's user table
        expected.put(ObjectKind.PARTITIONED_TABLE, 1);
        expected.put(ObjectKind.SEQUENCE, 1);           // the free one; serial and identity follow their table
        expected.put(ObjectKind.VIEW, 2);
        expected.put(ObjectKind.MATERIALIZED_VIEW, 1);
        expected.put(ObjectKind.FOREIGN_TABLE, 1);
        expected.put(ObjectKind.TYPE, 5);               // enum, composite, range, its multirange (PG < 17), base
        expected.put(ObjectKind.DOMAIN, 1);
        expected.put(ObjectKind.FUNCTION, 10);          // incl. the range's 5 constructors and the base type's I/O
        expected.put(ObjectKind.PROCEDURE, 1);
        expected.put(ObjectKind.AGGREGATE, 3);
        expected.put(ObjectKind.OPERATOR, 2);
        expected.put(ObjectKind.OPERATOR_CLASS, 1);
        expected.put(ObjectKind.OPERATOR_FAMILY, 2);
        expected.put(ObjectKind.COLLATION, 1);
        expected.put(ObjectKind.CONVERSION, 1);
        expected.put(ObjectKind.TEXT_SEARCH_DICTIONARY, 1);
        expected.put(ObjectKind.TEXT_SEARCH_CONFIGURATION, 1);
        expected.put(ObjectKind.STATISTICS, 1);
        expected.put(ObjectKind.LARGE_OBJECT, 1);
        expected.put(ObjectKind.PRIVILEGES, 16);        // USAGE on heroku_ext for each role; for reader 5 per user schema, less USAGE on public (PUBLIC has it)
        assertEquals(expected, dryRun.counts(), dryRun.toSql());
        assertEquals(List.copyOf(expected.keySet()), dryRun.statements().stream().map(PlannedStatement::kind).distinct().toList(),
                "grouped by kind, schemas first");
    }

    @Test
    void namesAreQuotedByTheServer() {
        List<String> sql = dryRun.statements().stream().map(PlannedStatement::sql).toList();
        for (String line : List.of(
                "ALTER SCHEMA \"My Schema\" OWNER TO application;",
                "ALTER SCHEMA \"we\"\"ird\" OWNER TO application;",
                "ALTER SCHEMA public OWNER TO application;",
                "ALTER TABLE \"My Schema\".\"My Table\" OWNER TO application;",
                "ALTER TABLE public.\"we\"\"ird\" OWNER TO application;",
                "ALTER TABLE public.\"naïve ☃\" OWNER TO application;",
                "ALTER TABLE public.events OWNER TO application;",
                "ALTER TABLE heroku_ext.\"user table\" OWNER TO application;",
                "ALTER SEQUENCE \"we\"\"ird\".\"Free Seq\" OWNER TO application;",
                "ALTER VIEW \"we\"\"ird\".\"dot.ted view\" OWNER TO application;",
                "ALTER MATERIALIZED VIEW public.\"Mat View\" OWNER TO application;",
                "ALTER FOREIGN TABLE public.\"Foreign T\" OWNER TO application;",
                "ALTER TYPE public.\"Mood\" OWNER TO application;",
                "ALTER TYPE \"we\"\"ird\".\"Pair\" OWNER TO application;",
                "ALTER TYPE public.floatmultirange OWNER TO application;",
                "ALTER DOMAIN \"My Schema\".\"Positive\" OWNER TO application;",
                "ALTER FUNCTION \"My Schema\".\"Add \"\"It\"\"\"(\"we\"\"ird\".\"Pair\",integer) OWNER TO application;",
                "ALTER FUNCTION public.vsum(integer[]) OWNER TO application;",
                "ALTER PROCEDURE \"we\"\"ird\".\"Do It\"(integer) OWNER TO application;",
                "ALTER AGGREGATE public.\"My Sum\"(integer) OWNER TO application;",
                "ALTER AGGREGATE public.cnt(*) OWNER TO application;",
                "ALTER AGGREGATE public.my_pct(double precision,double precision) OWNER TO application;",
                "ALTER OPERATOR public.===(integer,integer) OWNER TO application;",
                "ALTER OPERATOR public.!!(NONE,bigint) OWNER TO application;",
                "ALTER OPERATOR CLASS public.my_int_ops USING btree OWNER TO application;",
                "ALTER OPERATOR FAMILY public.\"Empty Fam\" USING hash OWNER TO application;",
                "ALTER COLLATION public.\"My Coll\" OWNER TO application;",
                "ALTER CONVERSION public.myconv OWNER TO application;",
                "ALTER TEXT SEARCH DICTIONARY public.\"My Dict\" OWNER TO application;",
                "ALTER TEXT SEARCH CONFIGURATION public.\"My Config\" OWNER TO application;",
                "ALTER STATISTICS \"My Schema\".\"My Stats\" OWNER TO application;",
                "ALTER LARGE OBJECT 424242 OWNER TO application;",
                "GRANT USAGE ON SCHEMA heroku_ext TO application;",
                "GRANT SELECT ON ALL TABLES IN SCHEMA \"we\"\"ird\" TO reader;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE application IN SCHEMA \"My Schema\" GRANT SELECT ON TABLES TO reader;")) {
            assertTrue(sql.contains(line), () -> line + " missing from\n" + dryRun.toSql());
        }
        PlannedStatement secdef = dryRun.statements().stream()
                .filter(s -> s.identity().equals("public.secdef()")).findFirst().orElseThrow();
        assertTrue(secdef.note().contains("SECURITY DEFINER"), secdef.note());
    }

    @Test
    void planNeverNamesExtensionMembersOrWhatFollowsItsOwner() {
        for (PlannedStatement s : dryRun.statements()) {
            String sql = s.sql();
            assertFalse(sql.contains("citext") || sql.contains("hstore"), sql);
            assertFalse(sql.contains("_id_seq"), "serial and identity sequences follow their table: " + sql);
            assertFalse(sql.contains("[]") && s.kind() == ObjectKind.TYPE, "array types follow their element: " + sql);
            assertFalse(sql.contains("pg_catalog.") && !sql.contains("(") || sql.contains("information_schema"), sql);
            assertFalse(sql.contains("dummy_"), "foreign-data wrappers and servers keep their owner: " + sql);
        }
        assertFalse(dryRun.statements().stream().anyMatch(s -> s.sql().startsWith("ALTER TYPE \"My Schema\".\"My Table\"")),
                "a table's row type follows the table");
    }

    // ------------------------------------------------------------------ the catalogs afterwards

    @Test
    void everyUserObjectNowBelongsToApplication() {
        Map<String, String> notApplications = new TreeMap<>(after.user());
        notApplications.values().removeIf(APPLICATION::equals);
        assertEquals(KEEP_THEIR_OWNER, notApplications);
        // and they did not belong to it before
        assertEquals("postgres", before.ownerOf("table \"My Schema\".\"My Table\""));
        for (String object : List.of("schema public", "table \"My Schema\".\"My Table\"", "sequence \"My Schema\".\"My Table_id_seq\"",
                "index \"My Schema\".\"My Table_pkey\"", "type \"My Schema\".\"My Table\"", "sequence public.\"we\"\"ird_id_seq\"",
                "table public.events_2024", "type public.floatmultirange", "type public.floatmultirange[]",
                "function public.floatrange(double precision,double precision)", "large object 424242",
                "statistics object \"My Schema\".\"My Stats\"", "operator class public.my_int_ops USING btree")) {
            assertEquals(APPLICATION, after.ownerOf(object), object);
        }
    }

    @Test
    void extensionMembersAndSystemObjectsKeepTheirOwner() {
        assertEquals(before.extensionAndSystem(), after.extensionAndSystem());
        assertEquals("postgres", after.ownerOf("type heroku_ext.citext"));
        assertEquals("postgres", after.ownerOf("type heroku_ext.citext[]"));
        assertEquals("postgres", after.ownerOf("function public.hstore(pg_catalog.text[])"));
        assertEquals("postgres", after.ownerOf("table pg_catalog.pg_class"));
        assertEquals("postgres", after.ownerOf("schema information_schema"));
    }

    @Test
    void aSecondRunPlansNothing() throws SQLException {
        try (Connection connection = server.connectAsSuperuser(shared)) {
            OwnershipPlan again = OwnershipPlanner.plan(connection, OPTIONS);
            assertTrue(again.isEmpty(), again.toSql());
            assertTrue(again.toSql().startsWith("-- nothing to change"), again.toSql());
        }
    }

    // ------------------------------------------------------------------ the roles can use it

    /** Only an owner (or a superuser) may run these; they run in one transaction that is rolled back. */
    @Test
    void applicationCanAlterEveryObject() throws SQLException {
        List<String> ownerOnly = List.of(
                "ALTER TABLE \"My Schema\".\"My Table\" ADD COLUMN extra int",
                "ALTER TABLE public.\"we\"\"ird\" ALTER COLUMN id RESTART WITH 100",
                "ALTER TABLE public.\"naïve ☃\" ADD COLUMN extra int",
                "ALTER TABLE public.events ADD COLUMN note text",
                "ALTER TABLE public.events_2024 SET (fillfactor = 90)",
                "ALTER TABLE heroku_ext.\"user table\" ADD COLUMN extra int",
                "ALTER SEQUENCE \"we\"\"ird\".\"Free Seq\" RESTART WITH 10",
                "ALTER SEQUENCE \"My Schema\".\"My Table_id_seq\" RESTART WITH 100",
                "ALTER VIEW \"My Schema\".\"My View\" RENAME TO \"My View 2\"",
                "CREATE OR REPLACE VIEW \"we\"\"ird\".\"dot.ted view\" AS SELECT 1 AS one, 2 AS two",
                "REFRESH MATERIALIZED VIEW public.\"Mat View\"",
                "ALTER FOREIGN TABLE public.\"Foreign T\" ADD COLUMN b int",
                "ALTER TYPE public.\"Mood\" RENAME VALUE 'sad' TO 'blue'",
                "ALTER TYPE public.\"Mood\" ADD VALUE 'happy'",
                "ALTER TYPE \"we\"\"ird\".\"Pair\" ADD ATTRIBUTE c int",
                "COMMENT ON TYPE public.floatrange IS 'range'",
                "COMMENT ON TYPE public.floatmultirange IS 'multirange'",
                "COMMENT ON TYPE public.myint IS 'base type'",
                "ALTER DOMAIN \"My Schema\".\"Positive\" SET DEFAULT 1",
                "COMMENT ON FUNCTION \"My Schema\".\"Add \"\"It\"\"\"(\"we\"\"ird\".\"Pair\", integer) IS 'adds'",
                "ALTER FUNCTION public.vsum(VARIADIC integer[]) IMMUTABLE",
                "CREATE OR REPLACE FUNCTION public.secdef() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 2'",
                "COMMENT ON FUNCTION public.floatrange(float8, float8) IS 'constructor'",
                "COMMENT ON FUNCTION public.myint_in(cstring) IS 'input'",
                "ALTER PROCEDURE \"we\"\"ird\".\"Do It\"(integer) SET search_path = public",
                "ALTER AGGREGATE public.\"My Sum\"(integer) RENAME TO \"My Sum 2\"",
                "COMMENT ON AGGREGATE public.cnt(*) IS 'counts'",
                "COMMENT ON AGGREGATE public.my_pct(float8 ORDER BY float8) IS 'percentile'",
                "COMMENT ON OPERATOR public.===(integer, integer) IS 'equal'",
                "COMMENT ON OPERATOR public.!!(NONE, bigint) IS 'absolute'",
                "ALTER OPERATOR CLASS public.my_int_ops USING btree RENAME TO \"my int ops\"",
                "ALTER OPERATOR FAMILY public.\"Empty Fam\" USING hash RENAME TO \"Full Fam\"",
                "ALTER COLLATION public.\"My Coll\" RENAME TO \"Your Coll\"",
                "ALTER CONVERSION public.myconv RENAME TO \"my conv\"",
                "ALTER TEXT SEARCH DICTIONARY public.\"My Dict\" (ACCEPT = false)",
                "ALTER TEXT SEARCH CONFIGURATION public.\"My Config\" DROP MAPPING FOR email",
                "ALTER STATISTICS \"My Schema\".\"My Stats\" SET STATISTICS 10",
                "SELECT lo_put(424242, 0, '\\x2a'::bytea)",
                "SELECT 'A'::heroku_ext.citext = 'a'::heroku_ext.citext",   // USAGE on the kept platform schema
                "CREATE TABLE public.made_by_application (id int)",         // public is the application's now
                "CREATE TABLE \"we\"\"ird\".made_by_application (id int)",
                "COMMENT ON SCHEMA \"My Schema\" IS 'mine'",               // renaming needs CREATE on the database too
                "COMMENT ON SCHEMA \"we\"\"ird\" IS 'mine'",
                "COMMENT ON SCHEMA public IS 'mine'");
        try (Connection connection = server.connect(shared, APPLICATION)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : ownerOnly) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        fail("application cannot run " + sql + ": " + e.getMessage());
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        // Not vacuous: where nothing was reassigned, the same role may not.
        try (Connection connection = server.connect(pending, APPLICATION); Statement statement = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> statement.execute(ownerOnly.get(0)));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
        }
    }

    @Test
    void readerCanReadEveryTableViewAndSequenceAndUseEverySchema() throws SQLException {
        List<String> reads = List.of(
                "SELECT count(*) FROM \"My Schema\".\"My Table\"",
                "SELECT count(*) FROM \"My Schema\".\"My View\"",
                "SELECT count(*) FROM public.\"we\"\"ird\"",
                "SELECT count(*) FROM public.\"naïve ☃\"",
                "SELECT count(*) FROM public.events",
                "SELECT count(*) FROM public.events_2024",
                "SELECT n FROM public.\"Mat View\"",
                "SELECT one FROM \"we\"\"ird\".\"dot.ted view\"",
                "SELECT last_value FROM \"we\"\"ird\".\"Free Seq\"",
                "SELECT last_value FROM \"My Schema\".\"My Table_id_seq\"");
        try (Connection connection = server.connect(shared, READER); Statement statement = connection.createStatement()) {
            for (String sql : reads) {
                try {
                    statement.executeQuery(sql).close();
                } catch (SQLException e) {
                    fail("reader cannot run " + sql + ": " + e.getMessage());
                }
            }
            // A foreign table's rows come from its wrapper (this one has no handler): the privilege is what counts.
            assertTrue(bool(statement, "SELECT has_table_privilege('public.\"Foreign T\"', 'SELECT')"));
            for (String schema : List.of("My Schema", "we\"ird", "public", "heroku_ext")) {
                assertTrue(bool(statement, "SELECT has_schema_privilege(" + literal(schema) + ", 'USAGE')"), schema);
            }
            SQLException denied = assertThrows(SQLException.class,
                    () -> statement.execute("INSERT INTO public.\"naïve ☃\" VALUES ('no')"));
            assertEquals("42501", denied.getSQLState(), "read access only");
        }
    }

    @Test
    void readerCanReadWhatApplicationCreatesLater() throws SQLException {
        server.execute(shared, APPLICATION, "CREATE TABLE \"we\"\"ird\".later (id int)", "CREATE SEQUENCE public.later_seq");
        try (Connection connection = server.connect(shared, READER); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM \"we\"\"ird\".later").close();
            statement.executeQuery("SELECT last_value FROM public.later_seq").close();
        }
    }

    // ------------------------------------------------------------------ failures change nothing

    @Test
    void aRoleThatDoesNotExistIsAClearErrorAndNothingChanges() throws SQLException {
        Owners untouched = Owners.take(server, pending);
        RoleNotFoundException owner = assertThrows(RoleNotFoundException.class,
                () -> ReassignOwner.apply(url(pending), new ReassignOptions("applicaton")));
        assertEquals(PgRelocateException.EXIT_USAGE, owner.exitCode());
        assertEquals("applicaton", owner.role());
        assertTrue(owner.getMessage().contains("role \"applicaton\" (the new owner) does not exist"), owner.getMessage());
        assertTrue(owner.getMessage().contains("nothing was changed"), owner.getMessage());

        RoleNotFoundException reader = assertThrows(RoleNotFoundException.class,
                () -> ReassignOwner.apply(url(pending), new ReassignOptions(APPLICATION, "no such reader", List.of())));
        assertTrue(reader.getMessage().contains("role \"no such reader\" (the read role) does not exist"), reader.getMessage());

        assertThrows(RoleNotFoundException.class, () -> ReassignOwner.plan(url(pending), new ReassignOptions("applicaton")));
        RoleNotFoundException quoted = assertThrows(RoleNotFoundException.class,
                () -> ReassignOwner.plan(url(pending), new ReassignOptions("\"Application\"")));
        assertTrue(quoted.getMessage().contains("did you mean \"application\"?"), quoted.getMessage());
        assertEquals(untouched, Owners.take(server, pending));
    }

    /** The schema changes between plan and apply: a statement late in the plan fails, and the earlier ones are undone. */
    @Test
    void aFailureHalfWayRollsBackEverything() throws SQLException {
        server.execute(pending, PostgresServer.SUPERUSER, "CREATE TEXT SEARCH DICTIONARY public.\"Doomed Dict\" (TEMPLATE = simple)");
        try (Connection connection = server.connectAsSuperuser(pending)) {
            OwnershipPlan plan = OwnershipPlanner.plan(connection, new ReassignOptions(APPLICATION));
            int doomed = plan.statements().indexOf(plan.statements().stream()
                    .filter(s -> s.identity().equals("public.\"Doomed Dict\"")).findFirst().orElseThrow()) + 1;
            assertTrue(doomed > 40, "late in the plan: " + doomed);

            server.execute(pending, PostgresServer.SUPERUSER, "DROP TEXT SEARCH DICTIONARY public.\"Doomed Dict\"");
            Owners beforeApply = Owners.take(server, pending);

            ApplyFailedException failure = assertThrows(ApplyFailedException.class,
                    () -> OwnershipApplier.apply(connection, plan));
            assertEquals(doomed, failure.position());
            assertEquals("ALTER TEXT SEARCH DICTIONARY public.\"Doomed Dict\" OWNER TO application;", failure.statement());
            assertEquals("42704", failure.sqlState());
            assertEquals(PgRelocateException.EXIT_DATABASE, failure.exitCode());
            assertTrue(failure.getMessage().contains("statement " + doomed + " of " + plan.statements().size() + " failed"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("rolled back"), failure.getMessage());

            assertEquals(beforeApply, Owners.take(server, pending));
            assertNotEquals(APPLICATION, beforeApply.ownerOf("table \"My Schema\".\"My Table\""));
            assertTrue(connection.getAutoCommit(), "the connection is left as it was");
        }
    }

    @Test
    void aRoleDroppedBetweenPlanAndApplyChangesNothing() throws SQLException {
        server.createRoleIfMissing("short lived", "NOLOGIN");
        try (Connection connection = server.connectAsSuperuser(pending)) {
            OwnershipPlan plan = OwnershipPlanner.plan(connection, new ReassignOptions("short lived"));
            assertFalse(plan.isEmpty());
            server.execute("postgres", PostgresServer.SUPERUSER, "DROP ROLE \"short lived\"");
            Owners beforeApply = Owners.take(connection);
            ApplyFailedException failure = assertThrows(ApplyFailedException.class,
                    () -> OwnershipApplier.apply(connection, plan));
            assertEquals(1, failure.position());
            assertEquals("42704", failure.sqlState());
            assertTrue(failure.getMessage().contains("role \"short lived\" does not exist"), failure.getMessage());
            assertEquals(beforeApply, Owners.take(connection));
        }
    }

    @Test
    void anExcludedSchemaIsLeftAlone() throws SQLException {
        try (Connection connection = server.connectAsSuperuser(pending)) {
            OwnershipPlan plan = OwnershipPlanner.plan(connection,
                    new ReassignOptions(APPLICATION, READER, List.of("My Schema")));
            assertFalse(plan.isEmpty());
            for (PlannedStatement s : plan.statements()) {
                assertFalse(s.identity().startsWith("\"My Schema\""), s.sql());
            }
            assertTrue(plan.statements().stream().anyMatch(s -> s.identity().equals("\"we\"\"ird\"")));
        }
    }

    private static boolean bool(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
