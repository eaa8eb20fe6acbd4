package dev.pgrelocate.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.DatabaseSnapshot.TableContent;
import dev.pgrelocate.testing.PsqlRunner.PsqlResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** Proves that the test platform behaves like Heroku in 2022-2023 and like plain PostgreSQL otherwise. */
class HerokuLikeServerTest extends EmbeddedServerTest {

    /** Rows that rails_app.sql inserts (see its INSERT ... generate_series ranges). */
    static final Map<String, Long> RAILS_APP_ROWS = Map.of(
            "app.audit_events", 400L,
            "app.tenants", 5L,
            "public.ar_internal_metadata", 2L,
            "public.bookings", 1200L,
            "public.notes", 30L,
            "public.rooms", 20L,
            "public.schema_migrations", 12L,
            "public.users", 800L);

    static final List<String> RAILS_APP_EXTENSIONS =
            List.of("btree_gist", "citext", "hstore", "pg_trgm", "pgcrypto", "tablefunc", "uuid-ossp");



    @Test
    void extensionInPublicIsRejectedWithHerokusMessage() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        PSQLException error = assertThrows(PSQLException.class,
                () -> server.execute(target.database(), target.role(), "CREATE EXTENSION citext WITH SCHEMA public"));

        assertEquals("extension \"citext\" must be installed in schema \"heroku_ext\"",
                error.getServerErrorMessage().getMessage());
        assertFalse(DatabaseSnapshot.take(server, target.database()).extensionSchemas().containsKey("citext"));
    }

    @Test
    void extensionWithoutSchemaLandsInPublicAndIsRejected() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        PSQLException error = assertThrows(PSQLException.class,
                () -> server.execute(target.database(), target.role(), "CREATE EXTENSION hstore"));

        assertEquals(HerokuExtensionGuard.rejection("hstore"), error.getServerErrorMessage().getMessage());
    }

    @Test
    void extensionInHerokuExtIsAllowedForTheApp() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        server.execute(target.database(), target.role(),
                "CREATE EXTENSION citext WITH SCHEMA heroku_ext",
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA heroku_ext");

        Map<String, String> schemas = DatabaseSnapshot.take(server, target.database()).extensionSchemas();
        assertEquals("heroku_ext", schemas.get("citext"));
        assertEquals("heroku_ext", schemas.get("uuid-ossp"));
    }

    @Test
    void herokuLikeRolesAndPrivilegesMatchThePlatform() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        try (Connection connection = server.connectAsSuperuser(target.database());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT r.rolsuper, d.datdba::regrole::text, n.nspowner::regrole::text,
                               has_schema_privilege('app', 'heroku_ext', 'USAGE, CREATE'),
                               (SELECT count(*) FROM pg_event_trigger WHERE evtevent = 'ddl_command_end')
                        FROM pg_roles r, pg_database d, pg_namespace n
                        WHERE r.rolname = 'app' AND d.datname = current_database() AND n.nspname = 'heroku_ext'
                        """)) {
            assertTrue(row.next());
            assertAll(
                    () -> assertFalse(row.getBoolean(1), "app must not be a superuser"),
                    () -> assertEquals("app", row.getString(2), "database owner"),
                    () -> assertEquals("heroku_admin", row.getString(3), "heroku_ext owner"),
                    () -> assertTrue(row.getBoolean(4), "app has USAGE, CREATE on heroku_ext"),
                    () -> assertEquals(1, row.getInt(5), "event triggers"));
        }
    }

    @Test
    void vanillaAcceptsExtensionsInPublic() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);

        server.execute(target.database(), target.role(), "CREATE EXTENSION btree_gist WITH SCHEMA public");

        assertEquals("public", DatabaseSnapshot.take(server, target.database()).extensionSchemas().get("btree_gist"));
    }

    @Test
    void unrewrittenRailsDumpFailsOnHerokuLike() throws Exception {
        RestoreTarget target = PlatformSetup.HEROKU_LIKE.prepare(server);

        PsqlResult result = psql.runFile(target, Fixtures.plain("rails_app.plain.sql"));

        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(
                "ERROR:  extension \"btree_gist\" must be installed in schema \"heroku_ext\""), result::toString);
        assertEquals(List.of(), DatabaseSnapshot.take(server, target.database()).tables(), "psql stopped before any table");
    }

    @Test
    void unrewrittenRailsDumpRestoresOnVanillaWithTheSourceRows() throws Exception {
        DatabaseSnapshot source = railsAppSource();
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);

        PsqlResult result = psql.runFile(target, Fixtures.plain("rails_app.plain.sql"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        DatabaseSnapshot restored = DatabaseSnapshot.take(server, target.database());
        assertEquals(RAILS_APP_ROWS, restored.rowCounts());
        assertEquals(source, restored);
        RAILS_APP_EXTENSIONS.forEach(name -> assertEquals("public", restored.extensionSchemas().get(name), name));
    }

    /** The equality above would be worthless if snapshots could not tell databases apart. */
    @Test
    void snapshotNoticesAChangedRowAndAMovedExtension() throws Exception {
        RestoreTarget target = PlatformSetup.VANILLA.prepare(server);
        assertEquals(0, psql.runFile(target, Fixtures.plain("rails_app.plain.sql")).exitCode());
        DatabaseSnapshot before = DatabaseSnapshot.take(server, target.database());

        server.execute(target.database(), target.role(), "UPDATE public.notes SET body = body || ' ' WHERE id = 1");
        // Superuser: members of a trusted extension belong to the bootstrap superuser, so app may not move them.
        server.execute(target.database(), EmbeddedServer.SUPERUSER, "ALTER EXTENSION citext SET SCHEMA app");
        DatabaseSnapshot after = DatabaseSnapshot.take(server, target.database());

        assertNotEquals(before, after);
        assertEquals(before.rowCounts(), after.rowCounts());
        List<String> changedTables = after.tables().stream()
                .filter(table -> !before.tables().contains(table))
                .map(TableContent::qualifiedName)
                .toList();
        assertEquals(List.of("public.notes"), changedTables);
        assertEquals("app", after.extensionSchemas().get("citext"));
    }

    /** The database the dumps were made from, rebuilt here from rails_app.sql. */
    private static DatabaseSnapshot railsAppSource() throws Exception {
        RestoreTarget source = PlatformSetup.VANILLA.prepare(server);
        PsqlResult result = psql.runFile(source, Fixtures.plain("rails_app.sql"));
        assertEquals(0, result.exitCode(), result::toString);
        return DatabaseSnapshot.take(server, source.database());
    }
}
