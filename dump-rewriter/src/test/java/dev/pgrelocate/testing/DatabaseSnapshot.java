package dev.pgrelocate.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore must reproduce, as a value to compare with {@code equals}: every user table with
 * its row count and an md5 of its rows, and the schema of every installed extension.
 *
 * <p>Row text depends on session settings (time zone, date style...), so they are pinned before
 * hashing; two snapshots taken on different servers compare as long as both run PostgreSQL 15.
 */
public record DatabaseSnapshot(List<TableContent> tables, Map<String, String> extensionSchemas) {

    private static final String[] PINNED_SETTINGS = {
        "SET TimeZone = 'UTC'",
        "SET DateStyle = 'ISO, MDY'",
        "SET IntervalStyle = 'postgres'",
        "SET extra_float_digits = 1",
        "SET bytea_output = 'hex'",
    };

    private static final String USER_TABLES = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY 1, 2
            """;

    private static final String EXTENSIONS =
            "SELECT extname, extnamespace::regnamespace::text FROM pg_extension ORDER BY extname";

    /** One table: rows counted and hashed in a collation-independent order. */
    public record TableContent(String schema, String table, long rowCount, String rowsMd5) {

        public String qualifiedName() {
            return schema + "." + table;
        }
    }

    public static DatabaseSnapshot take(PostgresServer server, String database) throws SQLException {
        // Superuser: reads every table whatever its owner or row-level security.
        try (Connection connection = server.connectAsSuperuser(database)) {
            return take(connection);
        }
    }

    public static DatabaseSnapshot take(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String setting : PINNED_SETTINGS) {
                statement.execute(setting);
            }
            return new DatabaseSnapshot(tables(statement), extensionSchemas(statement));
        }
    }

    /** {@code schema.table -> row count}, in snapshot order. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(table -> counts.put(table.qualifiedName(), table.rowCount()));
        return counts;
    }

    private static List<TableContent> tables(Statement statement) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(USER_TABLES)) {
            while (rows.next()) {
                names.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        List<TableContent> tables = new ArrayList<>();
        for (String[] name : names) {
            tables.add(content(statement, name[0], name[1]));
        }
        return List.copyOf(tables);
    }

    private static TableContent content(Statement statement, String schema, String table) throws SQLException {
        String sql = "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text COLLATE \"C\"), ''))"
                + " FROM " + PostgresServer.quoteIdentifier(schema) + "." + PostgresServer.quoteIdentifier(table) + " t";
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return new TableContent(schema, table, rows.getLong(1), rows.getString(2));
        }
    }

    private static Map<String, String> extensionSchemas(Statement statement) throws SQLException {
        Map<String, String> schemas = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery(EXTENSIONS)) {
            while (rows.next()) {
                schemas.put(rows.getString(1), rows.getString(2));
            }
        }
        return Collections.unmodifiableMap(schemas);
    }
}
