package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import dev.pgrelocate.testing.RestoreTarget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The restore engine on a real server: real pg_dump fixtures, and crafted scripts for each way a restore fails. */
class RestoreEngineTest extends EmbeddedServerTest {

    /** Line 10 fails (a missing table), after a COPY of two rows; line 13 would create u. */
    static final String FAILING = """
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            CREATE TABLE public.t (id integer, name text);
            COPY public.t (id, name) FROM stdin;
            1\tone
            2\ttwo
            \\.

            SELECT pg_catalog.set_config('search_path', '', false);
            INSERT INTO public.missing
                VALUES (1);
            -- still here
            CREATE TABLE public.u (id integer);
            """;

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} rewritten for heroku restores over JDBC like psql restores it")
    @CsvSource({"plain, rails_app.plain.sql", "references, refs_app.plain.sql"})
    void rewrittenFixturesRestoreOverJdbcLikeWithPsql(String kind, String fixture) throws Exception {
        Path input = kind.equals("plain") ? Fixtures.plain(fixture) : Fixtures.references(fixture);
        FileRewriter fileRewriter = new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU)));

        Path rewritten = work.resolve(fixture);
        fileRewriter.rewrite(input, rewritten);
        RestoreTarget byPsql = PlatformSetup.HEROKU_LIKE.prepare(server);
        PsqlResult psqlResult = psql.runFile(byPsql, rewritten);
        assertEquals(0, psqlResult.exitCode(), psqlResult::toString);

        RestoreTarget byJdbc = PlatformSetup.HEROKU_LIKE.prepare(server);
        RewriteAndRestore.Result result = RewriteAndRestore.run(out -> fileRewriter.rewrite(input, out),
                new RestoreEngine(target(byJdbc), RestoreOptions.defaults()), fixture);

        assertFalse(result.report().changes().isEmpty(), "the rewrite changed something");
        DatabaseSnapshot expected = DatabaseSnapshot.take(server, byPsql.database());
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, byJdbc.database());
        assertTrue(restored.tables().size() >= 5, restored::toString);
        assertEquals(expected.tables(), restored.tables(), "rows and checksums per table");
        assertEquals(expected.extensionSchemas(), restored.extensionSchemas());
        assertEquals(0, result.summary().failures());
        assertTrue(result.summary().statements() > 50, result.summary()::toText);
        // every COPY the summary counts is a table the snapshot sees with as many rows
        result.summary().rowCounts().forEach((table, rows) ->
                assertEquals(rows, restored.rowCounts().get(table.replace("\"", "")), table));
        assertTrue(result.summary().totalRows() > 0);
    }

    @Test
    void aFailingStatementReportsItsLineSqlStateAndFirstLine() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        RestoreException e = assertThrows(RestoreException.class, () -> restore(target, FAILING, RestoreOptions.defaults()));

        assertEquals(PgRelocateException.EXIT_FINDINGS, e.exitCode());
        RestoreError error = e.summary().errors().get(0);
        assertEquals(10, error.line());
        assertEquals("42P01", error.sqlState());
        assertEquals("INSERT INTO public.missing", error.firstLine());
        assertTrue(e.getMessage().contains("dump.sql:10: ERROR: relation \"public.missing\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("SQLSTATE 42P01"), e.getMessage());
        assertEquals(List.of("public.t"), tables(target), "stopped at the error: u never created");
        assertEquals(2L, e.summary().rowCounts().get("public.t"));
    }

    @Test
    void singleTransactionLeavesTheTargetEmptyAfterAFailure() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        RestoreException e = assertThrows(RestoreException.class,
                () -> restore(target, FAILING, RestoreOptions.builder().singleTransaction(true).preSql("CREATE TABLE public.pre (x int)").build()));

        assertTrue(e.summary().rolledBack());
        assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
        assertEquals(List.of(), tables(target));
    }

    @Test
    void singleTransactionCommitsWhenAllSucceeds() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        RestoreSummary summary = restore(target, FAILING.replace("INSERT INTO public.missing", "INSERT INTO public.t (id)"),
                RestoreOptions.builder().singleTransaction(true).build());
        assertEquals(0, summary.failures());
        assertEquals(List.of("public.t", "public.u"), tables(target));
        assertEquals(3L, count(target, "public.t"));
    }

    @Test
    void continueOnErrorCollectsEveryError() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        String script = FAILING + """
                CREATE TABLE public.u (id integer);
                COPY public.u (id) FROM stdin;
                1
                not a number
                3
                \\.
                INSERT INTO public.u VALUES (42);
                \\set ON_ERROR_STOP on
                """;
        RestoreSummary summary = restore(target, script, RestoreOptions.builder().continueOnError(true).build());

        assertEquals(4, summary.failures(), summary::toText);
        List<RestoreError> errors = summary.errors();
        assertEquals(10, errors.get(0).line());
        assertEquals("42P01", errors.get(0).sqlState());
        assertEquals(14, errors.get(1).line());
        assertEquals("42P07", errors.get(1).sqlState(), "u exists already");
        assertEquals(15, errors.get(2).line());
        assertEquals("22P02", errors.get(2).sqlState(), "the COPY's bad row");
        assertEquals("COPY public.u (id) FROM stdin;", errors.get(2).firstLine());
        assertTrue(errors.get(3).message().contains("\\set"), errors.get(3).message());
        assertEquals(List.of(42L), ids(target, "public.u"), "the rest of the failed COPY was skipped, the next statement ran");
        assertTrue(summary.toText().contains("4 errors"), summary::toText);
    }

    @Test
    void aNonEmptyTargetIsRefusedUnlessForced() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        server.execute(target.database(), target.role(), "CREATE TABLE public.live (id integer)");
        String script = "CREATE TABLE public.t (id integer);\n";

        RestoreException refused = assertThrows(RestoreException.class, () -> restore(target, script, RestoreOptions.defaults()));
        assertEquals(PgRelocateException.EXIT_DATABASE, refused.exitCode());
        assertTrue(refused.getMessage().contains("is not empty"), refused.getMessage());
        assertTrue(refused.getMessage().contains("public.live"), refused.getMessage());
        assertTrue(refused.getMessage().contains(target.database()), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(List.of("public.live"), tables(target));

        RestoreException notClean = assertThrows(RestoreException.class,
                () -> restore(target, script, RestoreOptions.builder().clean(true).build()));
        assertTrue(notClean.getMessage().contains("--clean"), notClean.getMessage());

        restore(target, "DROP TABLE IF EXISTS public.t;\n" + script, RestoreOptions.builder().clean(true).build());
        restore(target, "CREATE TABLE public.t2 (id integer);\n", RestoreOptions.builder().force(true).build());
        assertEquals(List.of("public.live", "public.t", "public.t2"), tables(target));
    }

    @Test
    void extensionTablesDoNotMakeATargetNonEmpty() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        server.execute(target.database(), "postgres", "CREATE EXTENSION pg_stat_statements");
        RestoreSummary summary = restore(target, "CREATE TABLE public.t (id integer);\n", RestoreOptions.defaults());
        assertEquals(1, summary.statements());
    }

    @Test
    void metaCommands() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        String script = "\\restrict abc123\nCREATE TABLE public.t (id integer);\n\\connect " + target.database()
                + "\n\\unrestrict abc123\n";
        assertEquals(1, restore(target, script, RestoreOptions.defaults()).statements());

        RestoreTarget other = PlatformSetup.VANILLA.prepare(server);
        String connect = "CREATE TABLE public.a (id integer);\n\\connect " + other.database() + "\nCREATE TABLE public.b (id integer);\n";
        RestoreTarget fresh = PlatformSetup.VANILLA.prepare(server);
        RestoreException e = assertThrows(RestoreException.class, () -> restore(fresh, connect, RestoreOptions.defaults()));
        assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("--allow-connect"), e.getMessage());

        RestoreTarget followed = PlatformSetup.VANILLA.prepare(server);
        restore(followed, connect, RestoreOptions.builder().allowConnect(true).build());
        assertEquals(List.of("public.a"), tables(followed));
        assertEquals(List.of("public.b"), tables(other));

        RestoreException unknown = assertThrows(RestoreException.class,
                () -> restore(PlatformSetup.VANILLA.prepare(server), "\\i other.sql\n", RestoreOptions.defaults()));
        assertTrue(unknown.getMessage().contains("\\i"), unknown.getMessage());
    }

    @Test
    void preAndPostSqlRunAroundTheScript() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        RestoreSummary summary = restore(target, "INSERT INTO public.log VALUES ('dump');\n", RestoreOptions.builder()
                .preSql("CREATE TABLE public.log (what text)")
                .postSql("INSERT INTO public.log VALUES ('post')")
                .build());
        assertEquals(3, summary.statements());
        assertEquals(2L, count(target, "public.log"));
    }

    @Test
    void aMalformedInputFailsTheRestoreInsteadOfEndingIt() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        String script = "CREATE TABLE public.t (id integer);\nSELECT 'unterminated;\n";
        Rewriter rewriter = new Rewriter(RewriteOptions.of(Preset.HEROKU));
        PgRelocateException e = assertThrows(PgRelocateException.class, () -> RewriteAndRestore.run(
                out -> rewriter.rewrite(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, "bad.sql"),
                new RestoreEngine(target(target), RestoreOptions.builder().singleTransaction(true).build()), "bad.sql"));
        assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode(), e.getMessage());
        assertEquals(List.of(), tables(target), "rolled back");
    }

    // ------------------------------------------------------------ helpers

    private TargetDatabase target(RestoreTarget target) {
        return TargetDatabase.of(server.jdbcUrl(target.database()) + "?user=" + target.role());
    }

    private RestoreSummary restore(RestoreTarget target, String script, RestoreOptions options) throws Exception {
        return new RestoreEngine(target(target), options)
                .restore(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), "dump.sql");
    }

    static List<String> tables(RestoreTarget target) throws SQLException {
        return query(target, "SELECT schemaname || '.' || tablename FROM pg_tables"
                + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
    }

    private static long count(RestoreTarget target, String table) throws SQLException {
        return Long.parseLong(query(target, "SELECT count(*) FROM " + table).get(0));
    }

    private static List<Long> ids(RestoreTarget target, String table) throws SQLException {
        return query(target, "SELECT id FROM " + table + " ORDER BY id").stream().map(Long::parseLong).toList();
    }

    private static List<String> query(RestoreTarget target, String sql) throws SQLException {
        try (Connection c = server.connectAsSuperuser(target.database()); Statement st = c.createStatement();
                ResultSet rows = st.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        }
    }
}
