package dev.pgrelocate.verify;

import dev.pgrelocate.Preset;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How a hosting platform prepares the database a dump is restored into, emulated on a server where
 * we are superuser. The restore itself always runs as a non-superuser LOGIN role that owns the
 * database (so it may create schemas, and the trusted contrib extensions, in it), as on the platforms.
 */
public enum Platform {

    /** A plain PostgreSQL database owned by the restoring role. */
    VANILLA(null, null),

    /**
     * Heroku Postgres between August 2022 and August 2023: schema {@code heroku_ext} exists before
     * the restore (owned by {@code heroku_admin}, with USAGE and CREATE granted to the restorer) and an
     * event trigger rejects extensions created in any other schema ({@link HerokuExtensionGuard}).
     */
    HEROKU(HerokuExtensionGuard.SCHEMA, "heroku_admin"),

    /** Supabase: schema {@code extensions} exists before the restore, owned by {@code supabase_admin}. */
    SUPABASE("extensions", "supabase_admin");

    private final String platformSchema;
    private final String adminRole;

    Platform(String platformSchema, String adminRole) {
        this.platformSchema = platformSchema;
        this.adminRole = adminRole;
    }

    /** The platform a preset rewrites for: heroku-exit leaves Heroku, so it is vanilla PostgreSQL. */
    public static Platform of(Preset preset) {
        return switch (preset) {
            case HEROKU -> HEROKU;
            case SUPABASE -> SUPABASE;
            case HEROKU_EXIT -> VANILLA;
        };
    }

    /** The schema the platform creates before any restore, or null. */
    public String platformSchema() {
        return platformSchema;
    }

    /** The role that owns {@link #platformSchema()}, or null. */
    public String adminRole() {
        return adminRole;
    }

    /**
     * Sets the platform up in the database {@code superuser} is connected to (as a superuser);
     * {@code restorer} is the role that will restore. Creates {@link #adminRole()} when missing.
     */
    public void prepare(Connection superuser, String restorer) throws SQLException {
        if (platformSchema == null) {
            return;
        }
        try (Statement statement = superuser.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + adminRole + "') THEN"
                    + " CREATE ROLE " + adminRole + " NOLOGIN; END IF; END $$");
            statement.execute("CREATE SCHEMA " + platformSchema + " AUTHORIZATION " + adminRole);
            statement.execute("GRANT USAGE, CREATE ON SCHEMA " + platformSchema + " TO " + quote(restorer));
        }
        if (this == HEROKU) {
            HerokuExtensionGuard.install(superuser);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
