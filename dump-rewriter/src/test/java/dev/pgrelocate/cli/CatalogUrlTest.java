package dev.pgrelocate.cli;

import dev.pgrelocate.testing.EmbeddedServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --catalog-url} against a real server: an extension that no built-in catalog can know
 * ({@code acme}, written into the embedded server's extension directory for this test) is
 * installed in a database; the rewrite leaves its references alone and says so without the URL,
 * and moves them with it, whichever way the URL is written.
 */
class CatalogUrlTest extends EmbeddedServerTest {

    private static final String CONTROL = """
            # acme: made up by pgrelocate's CatalogUrlTest, so that no built-in catalog knows it
            comment = 'pgrelocate test extension'
            default_version = '1.0'
            relocatable = true
            trusted = true
            """;

    private static final String SCRIPT = """
            \\echo Use "CREATE EXTENSION acme" to load this file. \\quit
            CREATE DOMAIN acme_code AS text CHECK (VALUE ~ '^ACM[0-9]+$');
            CREATE FUNCTION acme_thing(n integer) RETURNS acme_code
                LANGUAGE sql IMMUTABLE STRICT
                AS $$ SELECT ('ACM' || n)::acme_code $$;
            """;

    private static final String DUMP = """
            CREATE EXTENSION IF NOT EXISTS acme WITH SCHEMA public;

            CREATE TABLE public.widgets (
                id integer NOT NULL,
                code public.acme_code DEFAULT public.acme_thing(1) NOT NULL
            );
            """;

    private static final String MOVED = """
            CREATE SCHEMA IF NOT EXISTS heroku_ext;

            CREATE EXTENSION IF NOT EXISTS acme WITH SCHEMA heroku_ext;

            CREATE TABLE public.widgets (
                id integer NOT NULL,
                code heroku_ext.acme_code DEFAULT heroku_ext.acme_thing(1) NOT NULL
            );
            """;

    private static String database;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * Installs acme in a fresh database. The control and script files live in the Zonky binaries'
     * share directory, which every embedded server of this version on the machine shares: they are
     * there only while CREATE EXTENSION runs (the installed extension needs them no more), so no
     * other test ever sees acme among the available extensions.
     */
    @BeforeAll
    static void installAcme() throws SQLException, IOException {
        database = server.createDatabase("postgres");
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement()) {
            Path extensionDir;
            try (ResultSet rows = statement.executeQuery("SELECT setting FROM pg_catalog.pg_config WHERE name = 'SHAREDIR'")) {
                rows.next();
                extensionDir = Path.of(rows.getString(1), "extension");
            }
            Path control = extensionDir.resolve("acme.control");
            Path script = extensionDir.resolve("acme--1.0.sql");
            try {
                Files.writeString(control, CONTROL, StandardCharsets.UTF_8);
                Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
                statement.execute("CREATE EXTENSION acme WITH SCHEMA public");
            } finally {
                Files.deleteIfExists(control);
                Files.deleteIfExists(script);
            }
        }
    }

    private int run(String... args) {
        return Main.run(args, new ByteArrayInputStream(DUMP.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheCatalogUrlTheReferencesStayAndTheReportSaysWhy() {
        assertEquals(0, run("rewrite"));

        assertEquals(MOVED.replace("heroku_ext.acme", "public.acme"), stdout());
        assertTrue(stderr().contains("<stdin>:5:1: warning: extension acme moved out of public but no catalog knows it;"
                + " public. references left unchanged at lines [5]"), stderr());
        assertTrue(stderr().contains("hint: give a database that has the extension installed with --catalog-url"), stderr());
    }

    @Test
    void aJdbcCatalogUrlMovesTheReferences() {
        assertEquals(0, run("rewrite", "--catalog-url", "jdbc:postgresql://localhost:" + server.port() + "/" + database + "?user=postgres"));

        assertEquals(MOVED, stdout());
        assertTrue(stderr().contains("<stdin>:5:10: extension-reference: public.acme_code -> heroku_ext.acme_code (extension acme)"),
                stderr());
        assertTrue(stderr().contains("<stdin>:5:35: extension-reference: public.acme_thing -> heroku_ext.acme_thing (extension acme)"),
                stderr());
        assertTrue(stderr().contains(", 0 warnings in <stdin>"), stderr());
    }

    @Test
    void aDatabaseUrlWithAPasswordMovesThemAndNeverPrintsThePassword() {
        String url = "postgres://postgres:secret@localhost:" + server.port() + "/" + database;

        assertEquals(0, run("rewrite", "--catalog-url", url));
        assertEquals(MOVED, stdout());

        assertEquals(1, run("check", "--catalog-url", url, "-"));
        assertTrue(stdout().contains("<stdin>:5:10: CREATE TABLE public.widgets (:"
                + " public.acme_code does not exist once extension acme lives in heroku_ext"), stdout());

        assertFalse(stdout().contains("secret"), stdout());
        assertFalse(stderr().contains("secret"), stderr());
    }

    @Test
    void aMalformedUrlIsAUsageError() {
        assertEquals(2, run("rewrite", "--catalog-url", "mysql://postgres:secret@localhost/" + database));

        assertTrue(stderr().contains("not a PostgreSQL URL"), stderr());
        assertFalse(stderr().contains("secret"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void anUnreachableServerIsADatabaseErrorNamingTheUrlWithoutItsPassword() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        assertEquals(4, run("rewrite", "--catalog-url", "postgres://postgres:secret@localhost:" + port + "/" + database));

        assertTrue(stderr().contains("cannot read the extension catalog from postgres://postgres@localhost:" + port + "/" + database),
                stderr());
        assertFalse(stderr().contains("secret"), stderr());
        assertEquals("", stdout());
    }
}
