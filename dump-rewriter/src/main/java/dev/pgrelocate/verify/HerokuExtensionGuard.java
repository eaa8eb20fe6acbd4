package dev.pgrelocate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rule Heroku Postgres enforced from August 2022 to August 2023: an event trigger that rejects
 * {@code CREATE EXTENSION} outside schema {@code heroku_ext}. Modelled on Heroku's
 * {@code _heroku.validate_extension} trigger; only the error text is meant to match Heroku's.
 *
 * <p>Installed by the superuser into one database: event triggers are per database and only a
 * superuser may create them. The function runs as whoever issues {@code CREATE EXTENSION}; it only
 * reads catalogs, so it needs no privileges.
 */
public final class HerokuExtensionGuard {

    public static final String SCHEMA = "heroku_ext";
    /** Where the guard's function lives, and the event trigger's name (both the platform's, not the app's). */
    public static final String INTERNAL_SCHEMA = "_heroku";
    public static final String EVENT_TRIGGER = "validate_extension";

    /** Extensions that create their own schemas and were therefore exempt on Heroku. */
    public static final List<String> EXEMPT = List.of("plpgsql", "postgis_topology", "postgis_tiger_geocoder");

    private HerokuExtensionGuard() {
    }

    /** The exact message the server reports (psql prints it after {@code ERROR:  }) when the guard rejects an extension. */
    public static String rejection(String extension) {
        return "extension \"" + extension + "\" must be installed in schema \"" + SCHEMA + "\"";
    }

    /** Creates {@value #INTERNAL_SCHEMA}, the guard function and the event trigger; {@code superuser} must be one. */
    public static void install(Connection superuser) throws SQLException {
        try (Statement statement = superuser.createStatement()) {
            statement.execute("CREATE SCHEMA " + INTERNAL_SCHEMA);
            // ddl_command_end: the extension already exists, so its schema can be read from the catalog.
            statement.execute("""
                    CREATE FUNCTION %3$s.validate_extension() RETURNS event_trigger
                        LANGUAGE plpgsql
                        AS $$
                    DECLARE
                        created record;
                    BEGIN
                        FOR created IN
                            SELECT e.extname, e.extnamespace::regnamespace::text AS schema_name
                            FROM pg_event_trigger_ddl_commands() AS c
                            JOIN pg_extension AS e ON e.oid = c.objid
                            WHERE c.classid = 'pg_extension'::regclass
                        LOOP
                            IF created.schema_name <> '%1$s' AND created.extname <> ALL (ARRAY[%2$s]) THEN
                                RAISE EXCEPTION 'extension "%%" must be installed in schema "%1$s"', created.extname;
                            END IF;
                        END LOOP;
                    END
                    $$
                    """.formatted(SCHEMA, quotedExemptions(), INTERNAL_SCHEMA));
            statement.execute("CREATE EVENT TRIGGER " + EVENT_TRIGGER + " ON ddl_command_end"
                    + " WHEN TAG IN ('CREATE EXTENSION') EXECUTE FUNCTION " + INTERNAL_SCHEMA + ".validate_extension()");
        }
    }

    private static String quotedExemptions() {
        return String.join(", ", EXEMPT.stream().map(name -> "'" + name + "'").toList());
    }
}
