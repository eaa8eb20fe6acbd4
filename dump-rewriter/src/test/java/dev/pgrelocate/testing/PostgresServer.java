package dev.pgrelocate.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL 15 server that tests restore into: {@link EmbeddedServer} (Zonky binaries,
 * contrib only) or {@link SystemServer} (the Debian packages, with PostGIS when installed).
 * {@link PlatformSetup}, {@link PsqlRunner}, {@link DatabaseSnapshot} and {@link SchemaDumpComparison}
 * work with either.
 *
 * <p>Both listen on {@value #HOST} with trust authentication, so every role connects without a
 * password and no secret can leak into logs or command lines.
 */
public interface PostgresServer extends AutoCloseable {

    String SUPERUSER = "postgres";
    String HOST = "localhost";

    int port();

    /** Stops the server and removes its files. */
    @Override
    void close();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** Connects as {@code role} (trust authentication: no password). */
    default Connection connect(String database, String role) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("ApplicationName", "pgrelocate-tests");
        // The driver itself, not DriverManager: under exec:java (the catalog generator) the caller's
        // class loader is not the one DriverManager registered the driver with.
        return new org.postgresql.Driver().connect(jdbcUrl(database), properties);
    }

    default Connection connectAsSuperuser(String database) throws SQLException {
        return connect(database, SUPERUSER);
    }

    /** Runs each statement in autocommit mode, in order, as {@code role}. */
    default void execute(String database, String role, String... statements) throws SQLException {
        try (Connection connection = connect(database, role);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Creates the role unless it exists; roles are cluster-wide, so test classes share them. */
    default void createRoleIfMissing(String role, String attributes) throws SQLException {
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
    default String createDatabase(String owner) throws SQLException {
        String name = "pgrelocate_" + DatabaseNames.COUNTER.incrementAndGet();
        // template0: nothing a test put into template1 can leak into the new database.
        execute("postgres", SUPERUSER, "CREATE DATABASE " + name + " OWNER " + quoteIdentifier(owner)
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return name;
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Database names only have to be unique per server; one counter for all of them is simplest. */
    final class DatabaseNames {
        private static final AtomicInteger COUNTER = new AtomicInteger();

        private DatabaseNames() {
        }
    }
}
