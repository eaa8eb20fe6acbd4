package dev.pgrelocate.owner;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.db.ConnectionUrl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code reassign-owner} on a database named by a URL, for the CLI and the Maven goal: plan only
 * (the dry run), or plan and apply in one transaction, so that what is applied is exactly what was
 * planned. Database failures become {@link PgRelocateException}s with exit code
 * {@link PgRelocateException#EXIT_DATABASE} naming the URL without its password.
 */
public final class ReassignOwner {

    private ReassignOwner() {
    }

    /** Reads the catalogs and returns the plan; changes nothing. */
    public static OwnershipPlan plan(ConnectionUrl url, ReassignOptions options) {
        try (Connection connection = url.connect()) {
            return OwnershipPlanner.plan(connection, options);
        } catch (SQLException e) {
            throw databaseError("cannot plan the ownership changes in " + url, e);
        }
    }

    /** Plans and applies in one transaction; returns the plan that was committed. */
    public static OwnershipPlan apply(ConnectionUrl url, ReassignOptions options) {
        try (Connection connection = url.connect()) {
            connection.setAutoCommit(false);
            OwnershipPlan plan;
            try {
                plan = OwnershipPlanner.plan(connection, options);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            OwnershipApplier.apply(connection, plan);
            return plan;
        } catch (SQLException e) {
            throw databaseError("cannot change owners in " + url, e);
        }
    }

    private static PgRelocateException databaseError(String what, SQLException e) {
        return new PgRelocateException("pgrelocate: " + what + ": " + e.getMessage()
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                PgRelocateException.EXIT_DATABASE, e);
    }
}
