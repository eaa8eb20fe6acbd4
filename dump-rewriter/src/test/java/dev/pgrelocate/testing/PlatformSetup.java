package dev.pgrelocate.testing;

import dev.pgrelocate.verify.Platform;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a hosting platform prepares the database a dump is restored into.
 *
 * <p>In both modes the restore runs as {@value #APP_ROLE}, a non-superuser LOGIN role that owns the
 * database (so it may create schemas, and the trusted contrib extensions, in it). All contrib
 * extensions the fixtures use are {@code trusted = true} in PostgreSQL 15, so nothing has to be
 * pre-installed. The fixtures that need a superuser (PostGIS, privileges on extension members,
 * operator classes: see {@code fixtures/references/README.md}) restore into the same database as
 * {@link PostgresServer#SUPERUSER} instead: {@code target.withRole(PostgresServer.SUPERUSER)}.
 * Works on any {@link PostgresServer}.
 */
public enum PlatformSetup {

    /** A plain PostgreSQL database owned by {@code app}. */
    VANILLA {
        @Override
        void preparePlatform(PostgresServer server, String database) {
            // nothing beyond the database itself
        }
    },

    /**
     * Heroku Postgres between August 2022 and August 2023: schema {@code heroku_ext} exists before
     * the restore (owned by {@value #PLATFORM_ADMIN_ROLE}, with USAGE and CREATE granted to the app)
     * and an event trigger rejects extensions created in any other schema.
     */
    HEROKU_LIKE {
        @Override
        void preparePlatform(PostgresServer server, String database) throws SQLException {
            server.createRoleIfMissing(PLATFORM_ADMIN_ROLE, "NOLOGIN");
            try (Connection superuser = server.connectAsSuperuser(database)) {
                // the product's emulation, the one verify-restore uses
                Platform.HEROKU.prepare(superuser, APP_ROLE);
            }
        }
    };

    public static final String APP_ROLE = "app";
    public static final String PLATFORM_ADMIN_ROLE = "heroku_admin";

    /** Creates a fresh database for one restore. */
    public RestoreTarget prepare(PostgresServer server) throws SQLException {
        server.createRoleIfMissing(APP_ROLE, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        String database = server.createDatabase(APP_ROLE);
        preparePlatform(server, database);
        return new RestoreTarget(database, APP_ROLE);
    }

    abstract void preparePlatform(PostgresServer server, String database) throws SQLException;
}
