package dev.pgrelocate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.PostgresServer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pgrelocate reassign-owner} in-process against an embedded server: what stdout and stderr
 * get, the exit codes, and that the password of a {@code postgres://} URL (ignored by the server's
 * trust authentication) never appears in any output of any run.
 */
class ReassignOwnerCommandTest extends EmbeddedServerTest {

    private static final String SECRET = "S3cr3t-Pw_never-printed";
    /** A role name that needs quoting. */
    private static final String OWNER = "App \"Owner\"";
    private static final String QUOTED_OWNER = "\"App \"\"Owner\"\"\"";

    /** Everything every run printed, checked for the password once all tests ran. */
    private static final List<String> ALL_OUTPUT = new ArrayList<>();

    private static String dryRunDatabase;
    private static String applyDatabase;

    @BeforeAll
    static void databases() throws SQLException {
        server.createRoleIfMissing(OWNER, "LOGIN");
        server.createRoleIfMissing("reader", "LOGIN");
        dryRunDatabase = populated();
        applyDatabase = populated();
    }

    private static String populated() throws SQLException {
        String database = server.createDatabase(PostgresServer.SUPERUSER);
        server.execute(database, PostgresServer.SUPERUSER,
                "CREATE EXTENSION citext",
                "CREATE TABLE public.\"My Table\" (id serial PRIMARY KEY, email citext)",
                "CREATE FUNCTION public.\"we\"\"ird\"(a int) RETURNS int LANGUAGE sql AS 'SELECT a'");
        return database;
    }

    @AfterAll
    static void noOutputEverShowsThePassword() {
        assertFalse(ALL_OUTPUT.isEmpty());
        for (String output : ALL_OUTPUT) {
            assertFalse(output.contains(SECRET), output);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        ALL_OUTPUT.add(run.out());
        ALL_OUTPUT.add(run.err());
        return run;
    }

    private static String url(String database) {
        return "postgres://" + PostgresServer.SUPERUSER + ":" + SECRET + "@" + PostgresServer.HOST + ":" + server.port()
                + "/" + database;
    }

    private static String ownerOfTable(String database) throws SQLException {
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT relowner::regrole::text FROM pg_class WHERE oid = 'public.\"My Table\"'::regclass")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws SQLException {
        Run run = run("reassign-owner", "--url", url(dryRunDatabase), "--to", OWNER, "--grant-read", "reader");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        String[] lines = run.out().split("\\R");
        assertEquals("-- pgrelocate reassign-owner: dry run, nothing was changed; --apply runs this in one transaction", lines[0]);
        assertEquals("-- database " + dryRunDatabase + " at postgres://postgres@localhost:" + server.port() + "/" + dryRunDatabase
                + "; new owner " + OWNER + "; read access for reader", lines[1]);
        assertEquals("-- 7 statements: 1 schema, 1 table, 1 function, 4 grants", lines[2]);
        assertEquals("BEGIN;", lines[3]);
        for (String line : List.of(
                "ALTER SCHEMA public OWNER TO " + QUOTED_OWNER + ";",
                "ALTER TABLE public.\"My Table\" OWNER TO " + QUOTED_OWNER + ";",
                "ALTER FUNCTION public.\"we\"\"ird\"(integer) OWNER TO " + QUOTED_OWNER + ";",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + QUOTED_OWNER + " IN SCHEMA public GRANT SELECT ON TABLES TO reader;",
                "COMMIT;")) {
            assertTrue(List.of(lines).contains(line), line + " missing from\n" + run.out());
        }
        assertFalse(run.out().contains("citext"), "extension members are never planned");
        assertEquals("postgres", ownerOfTable(dryRunDatabase));
    }

    @Test
    void applyRunsThePlanAndASecondRunFindsNothingToDo() throws SQLException {
        Run applied = run("reassign-owner", "--url", url(applyDatabase), "--to", OWNER, "--apply");
        assertEquals(0, applied.exit(), applied.err());
        assertTrue(applied.out().startsWith("-- pgrelocate reassign-owner: applied in one transaction (committed)"),
                applied.out());
        assertTrue(applied.out().contains("-- 3 statements: 1 schema, 1 table, 1 function"), applied.out());
        assertEquals(OWNER, ownerOfTable(applyDatabase).replace("\"\"", "\"").replaceAll("^\"|\"$", ""));

        Run again = run("reassign-owner", "--url", url(applyDatabase), "--to", OWNER);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("-- nothing to change: every user object of database " + applyDatabase
                + " is owned by " + OWNER), again.out());
        assertFalse(again.out().contains("BEGIN;"), again.out());
    }

    @Test
    void aMissingRoleExitsWithTwoAndChangesNothing() throws SQLException {
        Run run = run("reassign-owner", "--url", url(dryRunDatabase), "--to", "no_such_role", "--apply");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("role \"no_such_role\" (the new owner) does not exist"), run.err());
        assertEquals("postgres", ownerOfTable(dryRunDatabase));

        Run reader = run("reassign-owner", "--url", url(dryRunDatabase), "--to", OWNER, "--grant-read", "nobody", "--apply");
        assertEquals(2, reader.exit());
        assertTrue(reader.err().contains("role \"nobody\" (the read role) does not exist"), reader.err());
        assertEquals("postgres", ownerOfTable(dryRunDatabase));
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run noRole = run("reassign-owner", "--url", url(dryRunDatabase));
        assertEquals(2, noRole.exit());
        assertTrue(noRole.err().contains("Missing required option: '--to=ROLE'"), noRole.err());

        Run badUrl = run("reassign-owner", "--url", "mysql://root:" + SECRET + "@localhost/db", "--to", OWNER);
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().contains("not a PostgreSQL URL"), badUrl.err());
    }

    @Test
    void databaseErrorsExitWithFour() {
        Run run = run("reassign-owner", "--url", url("no_such_database"), "--to", OWNER);
        assertEquals(4, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("postgres://postgres@localhost:" + server.port() + "/no_such_database"), run.err());
        assertTrue(run.err().contains("SQLSTATE 3D000"), run.err());

        Run jdbc = run("reassign-owner", "--url", "jdbc:postgresql://localhost:" + server.port()
                + "/no_such_database?user=postgres&password=" + SECRET, "--to", OWNER);
        assertEquals(4, jdbc.exit());
        assertTrue(jdbc.err().contains("password=***"), jdbc.err());
    }

    @Test
    void helpNamesTheOptions() {
        Run run = run("reassign-owner", "--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--url", "--to", "--grant-read", "--exclude-schema", "--apply")) {
            assertTrue(run.out().contains(option), run.out());
        }
    }
}
