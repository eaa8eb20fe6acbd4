package dev.pgrelocate.db;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.catalog.ExtensionCatalog;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads the extension members of a running database, for extensions the built-in catalog lacks. */
public final class LiveCatalog {
    private LiveCatalog() {
    }

    public static ExtensionCatalog read(ConnectionUrl url) {
        try (Connection connection = url.connect()) {
            return ExtensionCatalog.live(connection);
        } catch (SQLException e) {
            throw new PgRelocateException("cannot read the extension catalog from " + url + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    PgRelocateException.EXIT_DATABASE, e);
        }
    }
}
