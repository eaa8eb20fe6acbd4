package dev.pgrelocate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One throwaway PostgreSQL 15 server (Zonky embedded binaries, contrib extensions included) for a
 * test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 *
 * <p>The cluster is initialised with trust authentication on localhost, so every role connects
 * without a password and no secret can leak into logs or psql command lines. PostGIS is not among
 * the Zonky binaries: use {@link SystemServer} for it.
 */
public final class EmbeddedServer implements PostgresServer {

    public static final String SUPERUSER = PostgresServer.SUPERUSER;
    public static final String HOST = PostgresServer.HOST;

    private final EmbeddedPostgres postgres;

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

    @Override
    public int port() {
        return postgres.getPort();
    }

    static String quoteIdentifier(String name) {
        return PostgresServer.quoteIdentifier(name);
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
