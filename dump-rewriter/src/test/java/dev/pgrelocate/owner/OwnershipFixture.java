package dev.pgrelocate.owner;

import dev.pgrelocate.testing.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A database as a superuser restore with {@code --no-owner} leaves it: one object of every kind
 * {@code reassign-owner} handles, owned by the superuser, with awkward names (mixed case, spaces,
 * quotes, dots, non-ASCII), beside extension members (citext in {@code heroku_ext}, hstore in
 * {@code public}) and objects that must keep their owner (a foreign-data wrapper and its server).
 * Plus {@link Owners}, a snapshot of who owns what.
 */
final class OwnershipFixture {

    static final String APPLICATION = "application";
    static final String READER = "reader";

    /** Run in order as the superuser; each element is one statement. */
    static final String[] OBJECTS = {
        "CREATE SCHEMA heroku_ext",
        "CREATE EXTENSION citext SCHEMA heroku_ext",
        "CREATE EXTENSION hstore SCHEMA public",
        "CREATE SCHEMA \"My Schema\"",
        "CREATE SCHEMA \"we\"\"ird\"",
        "CREATE TABLE \"My Schema\".\"My Table\" (id serial PRIMARY KEY, name heroku_ext.citext, attrs public.hstore)",
        "INSERT INTO \"My Schema\".\"My Table\" (name, attrs) VALUES ('Ada', 'a=>1'), ('Bob', 'b=>2')",
        "CREATE TABLE public.\"we\"\"ird\" (id bigint GENERATED ALWAYS AS IDENTITY, v int)",
        "CREATE TABLE public.\"naïve ☃\" (v text)",
        "CREATE TABLE public.events (id int, at date) PARTITION BY RANGE (at)",
        "CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
        "CREATE TABLE heroku_ext.\"user table\" (id int)",
        "CREATE SEQUENCE \"we\"\"ird\".\"Free Seq\"",
        "CREATE VIEW \"My Schema\".\"My View\" AS SELECT id, name FROM \"My Schema\".\"My Table\"",
        "CREATE VIEW \"we\"\"ird\".\"dot.ted view\" AS SELECT 1 AS one",
        "CREATE MATERIALIZED VIEW public.\"Mat View\" AS SELECT count(*) AS n FROM \"My Schema\".\"My Table\"",
        "CREATE FOREIGN DATA WRAPPER dummy_fdw",
        "CREATE SERVER dummy_server FOREIGN DATA WRAPPER dummy_fdw",
        "CREATE FOREIGN TABLE public.\"Foreign T\" (a int) SERVER dummy_server",
        "CREATE TYPE public.\"Mood\" AS ENUM ('sad', 'ok')",
        "CREATE TYPE \"we\"\"ird\".\"Pair\" AS (a int, b text)",
        "CREATE TYPE public.floatrange AS RANGE (subtype = float8)",
        "CREATE TYPE public.myint",
        "CREATE FUNCTION public.myint_in(cstring) RETURNS public.myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in'",
        "CREATE FUNCTION public.myint_out(public.myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out'",
        "CREATE TYPE public.myint (INPUT = public.myint_in, OUTPUT = public.myint_out, LIKE = int4)",
        "CREATE DOMAIN \"My Schema\".\"Positive\" AS int CHECK (VALUE > 0)",
        "CREATE FUNCTION \"My Schema\".\"Add \"\"It\"\"\"(a \"we\"\"ird\".\"Pair\", b int) RETURNS int LANGUAGE sql AS 'SELECT $1.a + $2'",
        "CREATE FUNCTION public.vsum(VARIADIC int[]) RETURNS int LANGUAGE sql AS 'SELECT sum(x)::int FROM unnest($1) x'",
        "CREATE FUNCTION public.secdef() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
        "CREATE PROCEDURE \"we\"\"ird\".\"Do It\"(INOUT x int) LANGUAGE plpgsql AS $$BEGIN x := x + 1; END$$",
        "CREATE AGGREGATE public.\"My Sum\"(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0')",
        "CREATE AGGREGATE public.cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0')",
        "CREATE AGGREGATE public.my_pct(float8 ORDER BY float8) (SFUNC = ordered_set_transition, STYPE = internal,"
                + " FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA)",
        "CREATE OPERATOR public.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)",
        "CREATE OPERATOR public.!! (RIGHTARG = bigint, FUNCTION = int8abs)",
        "CREATE COLLATION public.\"My Coll\" FROM \"C\"",
        "CREATE CONVERSION public.myconv FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1",
        "CREATE OPERATOR CLASS public.my_int_ops FOR TYPE int4 USING btree AS OPERATOR 1 <, OPERATOR 2 <=,"
                + " OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(int4, int4)",
        "CREATE OPERATOR FAMILY public.\"Empty Fam\" USING hash",
        "CREATE TEXT SEARCH DICTIONARY public.\"My Dict\" (TEMPLATE = simple)",
        "CREATE TEXT SEARCH CONFIGURATION public.\"My Config\" (COPY = english)",
        "CREATE STATISTICS \"My Schema\".\"My Stats\" ON id, name FROM \"My Schema\".\"My Table\"",
        "SELECT lo_create(424242)",
    };

    private OwnershipFixture() {
    }

    /** A new database owned by the superuser with {@link #OBJECTS} in it; returns its name. */
    static String createDatabase(PostgresServer server) throws SQLException {
        String database = server.createDatabase(PostgresServer.SUPERUSER);
        server.execute(database, PostgresServer.SUPERUSER, OBJECTS);
        return database;
    }

    static void createRoles(PostgresServer server) throws SQLException {
        server.createRoleIfMissing(APPLICATION, "LOGIN NOSUPERUSER");
        server.createRoleIfMissing(READER, "LOGIN NOSUPERUSER");
    }

    /**
     * One object with an owner.
     *
     * @param system    made by initdb ({@code oid < 16384}), except the schema {@code public}, which users own
     * @param extension an extension member, or the array type of one (which follows it)
     */
    record Owned(String object, String owner, boolean system, boolean extension) {
    }

    /** Who owns what, keyed by {@code pg_identify_object}'s type and identity ({@code table public.t}). */
    record Owners(Map<String, Owned> objects) {

        private static final String QUERY = """
                WITH owned (classid, oid, owner) AS (
                  SELECT 'pg_class'::regclass, oid, relowner FROM pg_class
                  UNION ALL SELECT 'pg_proc'::regclass, oid, proowner FROM pg_proc
                  UNION ALL SELECT 'pg_type'::regclass, oid, typowner FROM pg_type
                  UNION ALL SELECT 'pg_namespace'::regclass, oid, nspowner FROM pg_namespace
                  UNION ALL SELECT 'pg_operator'::regclass, oid, oprowner FROM pg_operator
                  UNION ALL SELECT 'pg_opclass'::regclass, oid, opcowner FROM pg_opclass
                  UNION ALL SELECT 'pg_opfamily'::regclass, oid, opfowner FROM pg_opfamily
                  UNION ALL SELECT 'pg_collation'::regclass, oid, collowner FROM pg_collation
                  UNION ALL SELECT 'pg_conversion'::regclass, oid, conowner FROM pg_conversion
                  UNION ALL SELECT 'pg_ts_dict'::regclass, oid, dictowner FROM pg_ts_dict
                  UNION ALL SELECT 'pg_ts_config'::regclass, oid, cfgowner FROM pg_ts_config
                  UNION ALL SELECT 'pg_statistic_ext'::regclass, oid, stxowner FROM pg_statistic_ext
                  UNION ALL SELECT 'pg_largeobject'::regclass, oid, lomowner FROM pg_largeobject_metadata
                  UNION ALL SELECT 'pg_extension'::regclass, oid, extowner FROM pg_extension
                  UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, oid, fdwowner FROM pg_foreign_data_wrapper
                  UNION ALL SELECT 'pg_foreign_server'::regclass, oid, srvowner FROM pg_foreign_server
                  UNION ALL SELECT 'pg_language'::regclass, oid, lanowner FROM pg_language
                  UNION ALL SELECT 'pg_event_trigger'::regclass, oid, evtowner FROM pg_event_trigger
                ),
                members AS (
                  SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
                  UNION ALL
                  SELECT 'pg_type'::regclass, t.typarray FROM pg_depend d JOIN pg_type t ON t.oid = d.objid
                  WHERE d.deptype = 'e' AND d.classid = 'pg_type'::regclass AND t.typarray <> 0
                )
                SELECT i.type || ' ' || i.identity, o.owner::regrole::text,
                       o.oid < 16384 AND NOT (o.classid = 'pg_namespace'::regclass AND o.oid = 'public'::regnamespace),
                       EXISTS (SELECT FROM members m WHERE m.classid = o.classid AND m.objid = o.oid)
                FROM owned o, LATERAL pg_identify_object(o.classid, o.oid, 0) i
                """;

        static Owners take(Connection connection) throws SQLException {
            Map<String, Owned> objects = new TreeMap<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
                while (rows.next()) {
                    Owned owned = new Owned(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getBoolean(4));
                    objects.put(owned.object(), owned);
                }
            }
            return new Owners(objects);
        }

        static Owners take(PostgresServer server, String database) throws SQLException {
            try (Connection connection = server.connectAsSuperuser(database)) {
                return take(connection);
            }
        }

        String ownerOf(String object) {
            Owned owned = objects.get(object);
            if (owned == null) {
                throw new AssertionError("no such object: " + object + "; known: " + objects.keySet().stream()
                        .filter(k -> !objects.get(k).system()).collect(Collectors.joining(", ")));
            }
            return owned.owner();
        }

        /** Objects made after initdb that are neither extension members nor their arrays: object -> owner. */
        Map<String, String> user() {
            return select(o -> !o.system() && !o.extension());
        }

        /** Extension members (and their arrays) and initdb's objects: object -> owner. */
        Map<String, String> extensionAndSystem() {
            return select(o -> o.system() || o.extension());
        }

        private Map<String, String> select(java.util.function.Predicate<Owned> which) {
            Map<String, String> result = new TreeMap<>();
            objects.values().stream().filter(which).forEach(o -> result.put(o.object(), o.owner()));
            return result;
        }
    }
}
