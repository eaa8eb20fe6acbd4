package dev.pgrelocate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway PostgreSQL 15 server (Zonky embedded binaries, contrib extensions included) for a
 * test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 *
 * <p>The cluster is initialised with trust authentication on localhost, so every role connects
 * without a password and no secret can leak into logs or psql command lines.
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String HOST = "localhost";

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedServer start() {
        try {
            return new EmbeddedServer(EmbeddedPostgres.builder()
                    // Same settings as make-fixtures.sh (Zonky itself adds -E UTF-8 to initdb).
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("fsync", "off")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** Connects as {@code role} (trust authentication: no password). */
    public Connection connect(String database, String role) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("ApplicationName", "pgrelocate-tests");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    public Connection connectAsSuperuser(String database) throws SQLException {
        return connect(database, SUPERUSER);
    }

    /** Runs each statement in autocommit mode, in order, as {@code role}. */
    public void execute(String database, String role, String... statements) throws SQLException {
        try (Connection connection = connect(database, role);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Creates the role unless it exists; roles are cluster-wide, so test classes share them. */
    public void createRoleIfMissing(String role, String attributes) throws SQLException {
        try (Connection connection = connectAsSuperuser("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + quoteIdentifier(role) + " " + attributes);
            }
        }
    }

    /** Creates an empty UTF8 / C-locale database owned by {@code owner} and returns its name. */
    public String createDatabase(String owner) throws SQLException {
        String name = "pgrelocate_" + databaseCounter.incrementAndGet();
        // template0: nothing a test put into template1 can leak into the new database.
        execute("postgres", SUPERUSER, "CREATE DATABASE " + name + " OWNER " + quoteIdentifier(owner)
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return name;
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedServer[" + HOST + ":" + port() + "]";
    }
}
