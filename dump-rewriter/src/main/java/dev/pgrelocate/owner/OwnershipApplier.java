package dev.pgrelocate.owner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs an {@link OwnershipPlan} in one transaction: every statement or none. The first failure
 * rolls the transaction back and raises an {@link ApplyFailedException} naming the statement and the
 * server's SQLSTATE.
 *
 * <p>With autocommit on, the transaction is the applier's own. With autocommit off, the applier
 * continues the caller's transaction (the one {@link OwnershipPlanner} read the catalogs in, say) and
 * commits or rolls back all of it.
 */
public final class OwnershipApplier {

    private OwnershipApplier() {
    }

    public static void apply(Connection connection, OwnershipPlan plan) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (connection.isReadOnly()) {
            connection.setReadOnly(false);
        }
        connection.setAutoCommit(false);
        try {
            int total = plan.statements().size();
            try (Statement statement = connection.createStatement()) {
                // Every statement is schema-qualified; the pinned path only keeps catalog lookups honest.
                statement.execute("SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)");
                int position = 0;
                for (PlannedStatement planned : plan.statements()) {
                    position++;
                    try {
                        statement.execute(planned.sql());
                    } catch (SQLException e) {
                        rollback(connection, e);
                        throw new ApplyFailedException(position, total, planned.sql(), e);
                    }
                }
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                rollback(connection, e);
                throw new ApplyFailedException(total + 1, total, "COMMIT;", e);
            }
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
