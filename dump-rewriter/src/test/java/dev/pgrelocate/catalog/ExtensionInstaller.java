package dev.pgrelocate.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Creates extensions in one database, each with CASCADE and in name order, and remembers the
 * ones the server refuses (a missing library, a missing required extension) with the reason.
 * Shared by the catalog generator and the drift test, so both build the same database.
 */
final class ExtensionInstaller {

    private ExtensionInstaller() {
    }

    /** Every extension the server offers ({@code pg_available_extensions}), sorted by name. */
    static List<String> available(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name::text FROM pg_catalog.pg_available_extensions ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /**
     * Runs {@code CREATE EXTENSION IF NOT EXISTS "x" CASCADE} for each name, sorted, in autocommit
     * mode (a refused one leaves nothing behind), and returns the refused ones with the server's
     * message, sorted by name.
     */
    static Map<String, String> createAll(Connection connection, Collection<String> extensions) throws SQLException {
        Map<String, String> refused = new TreeMap<>();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String extension : new TreeSet<>(extensions)) {
                try {
                    statement.execute("CREATE EXTENSION IF NOT EXISTS " + quoteIdentifier(extension) + " CASCADE");
                } catch (SQLException e) {
                    refused.put(extension, firstLine(e.getMessage()));
                }
            }
        }
        return refused;
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
