package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixtures of {@code fixtures/owners} (see the README there): a database whose objects belong
 * to two owner roles and a quoted one, with privileges for a read role, dumped three ways. This
 * class builds its source, prepares restore targets, and reads what psql reported.
 *
 * <p>The roles are cluster-wide: a server either has them ({@link #createRoles}) or is the
 * "another host" of the issue, where a non-superuser restores and none of them exists.
 */
public final class OwnerFixtures {

    public static final String PLAIN = "owners_app.plain.sql";
    public static final String CLEAN = "owners_app.clean.sql";
    public static final String SESSAUTH = "owners_app.sessauth.sql";
    public static final List<String> DUMPS = List.of(PLAIN, CLEAN, SESSAUTH);

    public static final String APP_OWNER = "app_owner";
    public static final String REPORTING_OWNER = "reporting_owner";
    public static final String APP_READER = "app_reader";
    public static final String REPORT_WRITER = "Report Writer";
    /** The roles of {@code owners_roles.sql}; none is {@link PlatformSetup#APP_ROLE}. */
    public static final List<String> ROLES = List.of(APP_OWNER, REPORTING_OWNER, APP_READER, REPORT_WRITER);
    /** The schemas of the dump's own objects (everything else is public's extensions). */
    public static final List<String> SCHEMAS = List.of("app", "reporting");

    /** Rows of owners_app.sql. */
    public static final Map<String, Long> ROWS = Map.of(
            "app.customers", 200L,
            "app.orders", 600L,
            "app.snippets", 120L,
            "reporting.daily_totals", 366L,
            "reporting.saved_reports", 20L);
    public static final long LARGE_OBJECT = 424242L;
    public static final String EVENT_TRIGGER = "protect_app_schema";
    public static final String EVENT_TRIGGER_FUNCTION = "app.forbid_drop_app_schema()";

    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^psql:[^\\n]*?:(\\d+): (ERROR: .*)$");

    private OwnerFixtures() {
    }

    /** Creates the roles of {@code owners_roles.sql} (and memberships) unless app_owner exists. */
    public static void createRoles(PostgresServer server) throws IOException, InterruptedException, SQLException {
        if (rolesExist(server)) {
            return;
        }
        PsqlResult result = new PsqlRunner(server).runFile("postgres", PostgresServer.SUPERUSER, Fixtures.owners("owners_roles.sql"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
    }

    /** Whether any of the fixture's roles exists on the server. */
    public static boolean rolesExist(PostgresServer server) throws SQLException {
        try (Connection connection = server.connectAsSuperuser("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname IN ("
                        + String.join(", ", ROLES.stream().map(role -> "'" + role + "'").toList()) + ")")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    /**
     * Builds the source database from {@code owners_app.sql} as the superuser, in a database owned
     * by app, exactly as make-fixtures.sh does; creates the roles first. Returns its name.
     */
    public static String buildSource(PostgresServer server) throws IOException, InterruptedException, SQLException {
        createRoles(server);
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server).withRole(PostgresServer.SUPERUSER);
        PsqlResult result = new PsqlRunner(server).runFile(source, Fixtures.owners("owners_app.sql"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr(), result::toString);
        return source.database();
    }

    /**
     * A fresh database (owned by app) for restoring {@code dump} unmodified as the superuser, on a
     * server with the roles. The {@code --use-set-session-authorization} dump creates each schema
     * as its owner, so the owners get CREATE on the database, a privilege no dump without
     * {@code --create} carries.
     */
    public static RestoreTarget superuserTarget(PostgresServer server, String dump) throws SQLException {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server).withRole(PostgresServer.SUPERUSER);
        if (dump.equals(SESSAUTH)) {
            server.execute("postgres", PostgresServer.SUPERUSER, "GRANT CREATE ON DATABASE " + target.database()
                    + " TO " + APP_OWNER + ", " + REPORTING_OWNER);
        }
        return target;
    }

    // --- what psql reported -------------------------------------------------------------------------

    /** One error psql reported: the line it names (where the statement ends) and the message. */
    public record DumpError(int line, String message) {
    }

    /** Every {@code ERROR:} psql printed, in order. */
    public static List<DumpError> errors(PsqlResult result) {
        List<DumpError> errors = new ArrayList<>();
        Matcher error = ERROR_LINE.matcher(result.stderr());
        while (error.find()) {
            errors.add(new DumpError(Integer.parseInt(error.group(1)), error.group(2)));
        }
        return errors;
    }

    /** The first {@code ERROR:  ...} message, or "(no error in stderr)". */
    public static String firstError(PsqlResult result) {
        List<DumpError> errors = errors(result);
        return errors.isEmpty() ? "(no error in stderr)" : errors.get(0).message();
    }

    /**
     * The first line of the statement that ends on {@code line} (psql names the line a statement
     * ends on): the nearest line at or above it that starts a statement in pg_dump's layout (not
     * blank, not indented, not a comment, not a closing parenthesis).
     */
    public static String statementAt(Path file, int line) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = line - 1; i >= 0; i--) {
            String text = lines.get(i);
            if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0)) && !text.startsWith("--")
                    && !text.startsWith(")")) {
                return text;
            }
        }
        return "(not found)";
    }

    /** The first line of the statement psql stopped on. */
    public static String failingStatement(Path file, PsqlResult result) throws IOException {
        List<DumpError> errors = errors(result);
        return errors.isEmpty() ? "(no error in stderr)" : statementAt(file, errors.get(0).line());
    }

    // --- schemas and large objects --------------------------------------------------------------------

    /**
     * {@code pg_dump -s} without plpgsql's two sections (CREATE EXTENSION and its COMMENT): the
     * source's plpgsql was created again, so it is dumped; a restore target's comes from initdb, so
     * it is not. Everything else of the source must come back.
     */
    public static String schemaDumpWithoutPlpgsql(PostgresServer server, String database)
            throws IOException, InterruptedException {
        return DumpSections.drop(SchemaDumpComparison.schemaDump(server, database),
                (name, type) -> name.equals("plpgsql") && type.equals("EXTENSION")
                        || name.equals("EXTENSION plpgsql") && type.equals("COMMENT"));
    }

    /** "oid|owner|acl|md5 of the data" per large object, in oid order. */
    public static List<String> largeObjects(PostgresServer server, String database) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT oid, lomowner::regrole::text, lomacl::text,"
                        + " md5(lo_get(oid)) FROM pg_largeobject_metadata ORDER BY oid")) {
            while (rows.next()) {
                objects.add(rows.getLong(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4));
            }
        }
        return objects;
    }
}
