package dev.pgrelocate.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An embedded PostgreSQL that checks passwords (scram-sha-256 over TCP, unlike the tests' usual
 * trust clusters), so that a test proves which password a goal sent. Role {@link #ROLE} with
 * {@link #PASSWORD} owns each database {@link #createDatabase} makes.
 */
final class PasswordServer implements AutoCloseable {
    static final String ROLE = "restorer";
    static final String PASSWORD = "Xq7-unique-Pw-19";
    private static final String SUPER_PASSWORD = "super-Pw-83";

    private final EmbeddedPostgres postgres;

    private PasswordServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PasswordServer start(Path dataDirectory) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "off")
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("ALTER ROLE postgres PASSWORD '" + SUPER_PASSWORD + "'");
                st.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
                Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                        local all all trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        """);
                st.execute("SELECT pg_reload_conf()");
            }
            return new PasswordServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A new database owned by {@link #ROLE}. */
    void createDatabase(String name) throws SQLException {
        try (Connection c = superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " OWNER " + ROLE);
        }
    }

    Connection superuser(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", SUPER_PASSWORD);
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    long count(String database, String sql) throws SQLException {
        try (Connection c = superuser(database); Statement st = c.createStatement(); var rows = st.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
