package dev.pgrelocate.owner;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a database's catalogs and plans the statements that give every user object to one role:
 * {@code ALTER <kind> <identity> OWNER TO <role>;}, one per object, in {@link ObjectKind} order.
 *
 * <p>Every name in the plan is quoted by the server: relations and schemas with
 * {@code format('%I.%I', ...)}, everything with an argument list or an access method
 * ({@code public."My Sum"(integer)}, {@code public.my_ops USING btree}) with
 * {@code pg_identify_object(...).identity}, and the role with {@code format('%I')}. Java never
 * concatenates a name into SQL.
 *
 * <p>What counts as a user object:
 * <ul>
 * <li>schemas other than {@code pg_catalog}, {@code information_schema}, {@code pg_toast*},
 *     {@code pg_temp*} (every {@code pg_} name is reserved), schemas that belong to an extension, and
 *     the platform schemas {@code heroku_ext} and {@code extensions}: those keep their owner (on
 *     Heroku and Supabase they belong to the platform), but when the new owner cannot use them it
 *     gets {@code USAGE}, so the extension types and functions in them keep working for it.
 *     {@code public} owned by {@code pg_database_owner} (PostgreSQL 15 and later) counts as owned
 *     by the database's owner;</li>
 * <li>every object with an owner created after initdb ({@code oid >= 16384}) in such a schema, or in
 *     a platform schema, that is not an extension member ({@code pg_depend.deptype = 'e'}): tables,
 *     partitioned tables, sequences (not those owned by a column, serial or identity, which follow
 *     their table and refuse {@code ALTER SEQUENCE ... OWNER}), views, materialized views, foreign
 *     tables, types (base, standalone composite, enum, range, and multirange before PostgreSQL 17,
 *     which moves it with its range; never a table's row type or an array type, which follow their
 *     owner), domains, functions, procedures, aggregates, operators, operator classes and families,
 *     collations, conversions, text search dictionaries and configurations, extended statistics,
 *     and large objects;</li>
 * <li>objects already owned by the new role are left out, so a second run plans nothing.</li>
 * </ul>
 * Left alone on purpose: the database itself, foreign-data wrappers (their owner must be a
 * superuser), foreign servers (their owner may create and alter every user's mapping on them,
 * remote credentials included), publications, subscriptions, event triggers and languages.
 *
 * <p>The planner reads only. It sets {@code search_path} to {@code pg_catalog} for its transaction,
 * so no object in a user schema can stand in for a catalog function or operator.
 */
public final class OwnershipPlanner {

    /** The first OID a user object can get; everything below was made by initdb. */
    static final int FIRST_NORMAL_OBJECT_ID = 16384;

    /** Schemas hosted platforms own and put extensions in: they keep their owner. */
    public static final List<String> PLATFORM_SCHEMAS = List.of("heroku_ext", "extensions");

    private static final String PLATFORM_SCHEMA_SQL = "('heroku_ext', 'extensions')";

    /** Parameters: 1 the excluded schemas (text[]), 2 the new owner, 3 the read role (or null). */
    private static final String PARAMETERS = """
            WITH p AS (
              SELECT r.oid AS role_oid, r.rolname::text AS role, ?::text[] AS excluded,
                     rr.oid AS reader_oid, rr.rolname::text AS reader
              FROM pg_roles r LEFT JOIN pg_roles rr ON rr.rolname = ?
              WHERE r.rolname = ?
            )
            """;

    /** A schema a user made: not a system one, not excluded by the caller. Alias {@code n}. */
    private static final String USER_SCHEMA =
            "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' AND n.nspname <> ALL (p.excluded)";

    /** A user schema whose owner the plan changes: not the platform's, not an extension's. */
    private static final String REASSIGNED_SCHEMA = USER_SCHEMA + " AND n.nspname NOT IN " + PLATFORM_SCHEMA_SQL
            + " AND " + notExtensionMember("pg_namespace", "n");

    /** A user schema that keeps its owner: the platform's or an extension's. */
    private static final String KEPT_SCHEMA = USER_SCHEMA + " AND (n.nspname IN " + PLATFORM_SCHEMA_SQL
            + " OR NOT " + notExtensionMember("pg_namespace", "n") + ")";

    /** {@code public} belongs to {@code pg_database_owner} from PostgreSQL 15 on: it means the database's owner. */
    private static final String SCHEMA_OWNER = """
            CASE WHEN n.nspowner = (SELECT o.oid FROM pg_roles o WHERE o.rolname = 'pg_database_owner')
                 THEN (SELECT d.datdba FROM pg_database d WHERE d.datname = current_database())
                 ELSE n.nspowner END""";

    private OwnershipPlanner() {
    }

    /**
     * Plans the changes. With autocommit on, reads in a read-only repeatable-read transaction of its own
     * and rolls it back; otherwise reads inside the caller's transaction (so that
     * {@link OwnershipApplier} can run the plan in the same one).
     *
     * @throws RoleNotFoundException when the new owner or the read role does not exist
     */
    public static OwnershipPlan plan(Connection connection, ReassignOptions options) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        boolean wasReadOnly = connection.isReadOnly();
        int wasIsolation = connection.getTransactionIsolation();
        if (ownTransaction) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
        }
        try {
            return read(connection, options);
        } finally {
            if (ownTransaction) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setReadOnly(wasReadOnly);
                connection.setTransactionIsolation(wasIsolation);
            }
        }
    }

    private static OwnershipPlan read(Connection connection, ReassignOptions options) throws SQLException {
        String database;
        int version;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT current_database(), current_setting('server_version_num')::integer")) {
                rows.next();
                database = rows.getString(1);
                version = rows.getInt(2);
            }
        }
        requireRole(connection, options.newOwner(), "the new owner");
        if (options.readRole() != null) {
            requireRole(connection, options.readRole(), "the read role");
        }
        Array excluded = connection.createArrayOf("text", options.excludedSchemas().toArray());
        List<PlannedStatement> statements = new ArrayList<>();
        for (KindQuery query : queries(version)) {
            statements.addAll(run(connection, query.kind(), query.sql(), excluded, options));
        }
        statements.addAll(run(connection, ObjectKind.PRIVILEGES, keptSchemaUsage("p.role_oid", "p.role",
                "so that the new owner can use what is in it"), excluded, options));
        if (options.readRole() != null) {
            statements.addAll(run(connection, ObjectKind.PRIVILEGES, READ_GRANTS, excluded, options));
            statements.addAll(run(connection, ObjectKind.PRIVILEGES, keptSchemaUsage("p.reader_oid", "p.reader",
                    "so that the read role can use what is in it"), excluded, options));
        }
        return new OwnershipPlan(database, options.newOwner(), options.readRole(), statements);
    }

    private static void requireRole(Connection connection, String role, String what) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, role);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        List<String> similar = new ArrayList<>();
        try (PreparedStatement like = connection.prepareStatement("SELECT rolname FROM pg_roles"
                + " WHERE lower(rolname) IN (lower(?), lower(btrim(?, '\"'))) ORDER BY 1 LIMIT 3")) {
            like.setString(1, role);
            like.setString(2, role);
            try (ResultSet rows = like.executeQuery()) {
                while (rows.next()) {
                    similar.add(rows.getString(1));
                }
            }
        }
        throw new RoleNotFoundException(role, what, similar);
    }

    private static List<PlannedStatement> run(Connection connection, ObjectKind kind, String sql, Array excluded,
            ReassignOptions options) throws SQLException {
        List<PlannedStatement> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PARAMETERS + sql)) {
            statement.setArray(1, excluded);
            statement.setString(2, options.readRole());
            statement.setString(3, options.newOwner());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new PlannedStatement(kind, rows.getString("identity"), rows.getString("sql"),
                            rows.getString("note")));
                }
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ queries

    record KindQuery(ObjectKind kind, String sql) {
    }

    static List<KindQuery> queries(int serverVersion) {
        List<KindQuery> queries = new ArrayList<>();
        queries.add(new KindQuery(ObjectKind.SCHEMA, alter("ALTER SCHEMA", """
                SELECT format('%I', n.nspname) AS identity, NULL::text AS note
                FROM p, pg_namespace n
                WHERE\s""" + REASSIGNED_SCHEMA + " AND " + SCHEMA_OWNER + " <> p.role_oid")));
        queries.add(relations(ObjectKind.TABLE, 'r', "ALTER TABLE"));
        queries.add(relations(ObjectKind.PARTITIONED_TABLE, 'p', "ALTER TABLE"));
        queries.add(relations(ObjectKind.SEQUENCE, 'S', "ALTER SEQUENCE"));
        queries.add(relations(ObjectKind.VIEW, 'v', "ALTER VIEW"));
        queries.add(relations(ObjectKind.MATERIALIZED_VIEW, 'm', "ALTER MATERIALIZED VIEW"));
        queries.add(relations(ObjectKind.FOREIGN_TABLE, 'f', "ALTER FOREIGN TABLE"));
        queries.add(types(serverVersion));
        queries.add(new KindQuery(ObjectKind.DOMAIN, alter("ALTER DOMAIN",
                identified("pg_type", "t", "typnamespace", "typowner") + " AND t.typtype = 'd'")));
        queries.add(routines(ObjectKind.FUNCTION, "'f', 'w'", "ALTER FUNCTION"));
        queries.add(routines(ObjectKind.PROCEDURE, "'p'", "ALTER PROCEDURE"));
        queries.add(routines(ObjectKind.AGGREGATE, "'a'", "ALTER AGGREGATE"));
        queries.add(catalogObjects(ObjectKind.OPERATOR, "pg_operator", "oprnamespace", "oprowner", "ALTER OPERATOR"));
        queries.add(catalogObjects(ObjectKind.OPERATOR_CLASS, "pg_opclass", "opcnamespace", "opcowner",
                "ALTER OPERATOR CLASS"));
        queries.add(catalogObjects(ObjectKind.OPERATOR_FAMILY, "pg_opfamily", "opfnamespace", "opfowner",
                "ALTER OPERATOR FAMILY"));
        queries.add(catalogObjects(ObjectKind.COLLATION, "pg_collation", "collnamespace", "collowner",
                "ALTER COLLATION"));
        queries.add(catalogObjects(ObjectKind.CONVERSION, "pg_conversion", "connamespace", "conowner",
                "ALTER CONVERSION"));
        queries.add(catalogObjects(ObjectKind.TEXT_SEARCH_DICTIONARY, "pg_ts_dict", "dictnamespace", "dictowner",
                "ALTER TEXT SEARCH DICTIONARY"));
        queries.add(catalogObjects(ObjectKind.TEXT_SEARCH_CONFIGURATION, "pg_ts_config", "cfgnamespace", "cfgowner",
                "ALTER TEXT SEARCH CONFIGURATION"));
        queries.add(catalogObjects(ObjectKind.STATISTICS, "pg_statistic_ext", "stxnamespace", "stxowner",
                "ALTER STATISTICS"));
        queries.add(new KindQuery(ObjectKind.LARGE_OBJECT, alter("ALTER LARGE OBJECT", """
                SELECT l.oid::text AS identity, NULL::text AS note, lpad(l.oid::text, 10, '0') AS sort
                FROM p, pg_largeobject_metadata l
                WHERE l.lomowner <> p.role_oid""", "q.sort")));
        return queries;
    }

    /**
     * Wraps a query of {@code identity} and {@code note} rows into one that also yields {@code sql}: {@code <verb> <identity> OWNER TO <role>;}, formatted by the server.
     */
    private static String alter(String verb, String inner) {
        return alter(verb, inner, "q.identity");
    }

    private static String alter(String verb, String inner, String sort) {
        return "SELECT q.identity, format('" + verb + " %s OWNER TO %I;', q.identity, p.role) AS sql, q.note\n"
                + "FROM p, (" + inner + ") q\nORDER BY " + sort + " COLLATE \"C\"";
    }

    private static String notExtensionMember(String catalog, String alias) {
        return "NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + alias + ".oid AND e.deptype = 'e')";
    }

    /** Objects of a catalog with a namespace and an owner, named by {@code pg_identify_object}. */
    private static String identified(String catalog, String alias, String namespaceColumn, String ownerColumn) {
        return "SELECT i.identity, NULL::text AS note\n"
                + "FROM p, " + catalog + " " + alias + " JOIN pg_namespace n ON n.oid = " + alias + "." + namespaceColumn
                + ",\n     LATERAL pg_identify_object('" + catalog + "'::regclass, " + alias + ".oid, 0) i\n"
                + "WHERE " + alias + ".oid >= " + FIRST_NORMAL_OBJECT_ID + " AND " + USER_SCHEMA
                + " AND " + notExtensionMember(catalog, alias)
                + " AND " + alias + "." + ownerColumn + " <> p.role_oid";
    }

    private static KindQuery catalogObjects(ObjectKind kind, String catalog, String namespaceColumn,
            String ownerColumn, String verb) {
        return new KindQuery(kind, alter(verb, identified(catalog, "x", namespaceColumn, ownerColumn)));
    }

    private static KindQuery relations(ObjectKind kind, char relkind, String verb) {
        String inner = "SELECT format('%I.%I', n.nspname, c.relname) AS identity, NULL::text AS note\n"
                + "FROM p, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
                + "WHERE c.relkind = '" + relkind + "' AND c.oid >= " + FIRST_NORMAL_OBJECT_ID + " AND " + USER_SCHEMA
                + " AND " + notExtensionMember("pg_class", "c") + " AND c.relowner <> p.role_oid";
        if (relkind == 'S') {
            // serial and identity sequences follow their table (ALTER SEQUENCE ... OWNER refuses them)
            inner += "\n  AND NOT EXISTS (SELECT FROM pg_depend o WHERE o.classid = 'pg_class'::regclass"
                    + " AND o.objid = c.oid AND o.refclassid = 'pg_class'::regclass AND o.refobjsubid > 0"
                    + " AND o.deptype IN ('a', 'i'))";
        }
        return new KindQuery(kind, alter(verb, inner));
    }

    /**
     * Base, standalone composite, enum and range types; multiranges before PostgreSQL 17 (from 17 on
     * the range takes its multirange along, and ALTER TYPE refuses the multirange itself). Never array
     * types or a relation's row type, which follow their owner.
     */
    private static KindQuery types(int serverVersion) {
        boolean separateMultiranges = serverVersion >= 140000 && serverVersion < 170000;
        String inner = identified("pg_type", "t", "typnamespace", "typowner")
                + "\n  AND t.typtype IN ('b', 'c', 'e', 'r'" + (separateMultiranges ? ", 'm'" : "") + ")"
                + "\n  AND NOT EXISTS (SELECT FROM pg_type a WHERE a.typarray = t.oid)"
                + "\n  AND (t.typtype <> 'c' OR EXISTS (SELECT FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))";
        if (separateMultiranges) {
            inner += "\n  AND NOT EXISTS (SELECT FROM pg_range g JOIN pg_depend e ON e.classid = 'pg_type'::regclass"
                    + " AND e.objid = g.rngtypid AND e.deptype = 'e' WHERE g.rngmultitypid = t.oid)";
        }
        return new KindQuery(ObjectKind.TYPE, alter("ALTER TYPE", inner));
    }

    /** Functions, procedures or aggregates; an aggregate without arguments is {@code name(*)}. */
    private static KindQuery routines(ObjectKind kind, String prokinds, String verb) {
        String inner = "SELECT CASE WHEN f.prokind = 'a' AND f.pronargs = 0 THEN format('%I.%I(*)', n.nspname, f.proname)"
                + " ELSE i.identity END AS identity,\n"
                + "       CASE WHEN f.prosecdef THEN 'SECURITY DEFINER: runs with the new owner''s privileges from now on'"
                + " END AS note\n"
                + "FROM p, pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace,\n"
                + "     LATERAL pg_identify_object('pg_proc'::regclass, f.oid, 0) i\n"
                + "WHERE f.prokind IN (" + prokinds + ") AND f.oid >= " + FIRST_NORMAL_OBJECT_ID + " AND " + USER_SCHEMA
                + " AND " + notExtensionMember("pg_proc", "f") + " AND f.proowner <> p.role_oid";
        return new KindQuery(kind, alter(verb, inner));
    }

    /** USAGE on the schemas that keep their owner, for a role that lacks it. */
    private static String keptSchemaUsage(String roleOid, String roleName, String note) {
        return "SELECT format('%I', n.nspname) AS identity,\n"
                + "       format('GRANT USAGE ON SCHEMA %I TO %I;', n.nspname, " + roleName + ") AS sql,\n"
                + "       '" + note.replace("'", "''") + "' AS note\n"
                + "FROM p, pg_namespace n\n"
                + "WHERE " + KEPT_SCHEMA + " AND NOT has_schema_privilege(" + roleOid + ", n.oid, 'USAGE')\n"
                + "ORDER BY n.nspname COLLATE \"C\"";
    }

    /**
     * For the read role, in every user schema that the plan gives to the new owner (or that it already
     * owns): USAGE, SELECT on every table, view, materialized view, foreign table and sequence, and the
     * same for what the new owner creates there later. Each only when something lacks it, so that a
     * second run plans nothing.
     */
    private static final String READ_GRANTS = """
            SELECT format('%I', n.nspname) AS identity, format(g.template, n.nspname, p.reader, p.role) AS sql,
                   NULL::text AS note
            FROM p, pg_namespace n, LATERAL (VALUES
                 (1, 'GRANT USAGE ON SCHEMA %1$I TO %2$I;',
                  NOT has_schema_privilege(p.reader_oid, n.oid, 'USAGE')),
                 (2, 'GRANT SELECT ON ALL TABLES IN SCHEMA %1$I TO %2$I;',
                  EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                          AND NOT has_table_privilege(p.reader_oid, c.oid, 'SELECT'))),
                 (3, 'GRANT SELECT ON ALL SEQUENCES IN SCHEMA %1$I TO %2$I;',
                  EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'S'
                          AND NOT has_table_privilege(p.reader_oid, c.oid, 'SELECT'))),
                 (4, 'ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA %1$I GRANT SELECT ON TABLES TO %2$I;',
                  NOT EXISTS (SELECT FROM pg_default_acl a, aclexplode(a.defaclacl) x
                              WHERE a.defaclrole = p.role_oid AND a.defaclnamespace = n.oid AND a.defaclobjtype = 'r'
                                AND x.grantee = p.reader_oid AND x.privilege_type = 'SELECT')),
                 (5, 'ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA %1$I GRANT SELECT ON SEQUENCES TO %2$I;',
                  NOT EXISTS (SELECT FROM pg_default_acl a, aclexplode(a.defaclacl) x
                              WHERE a.defaclrole = p.role_oid AND a.defaclnamespace = n.oid AND a.defaclobjtype = 'S'
                                AND x.grantee = p.reader_oid AND x.privilege_type = 'SELECT'))
                 ) AS g(position, template, needed)
            WHERE g.needed AND\s""" + REASSIGNED_SCHEMA + """

            ORDER BY n.nspname COLLATE "C", g.position""";
}
