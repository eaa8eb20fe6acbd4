package dev.pgrelocate.owner;

import dev.pgrelocate.PgRelocateException;

import java.sql.SQLException;

/**
 * A statement of a plan failed; the transaction was rolled back, so nothing the plan did before it
 * remains. Names the statement, its position and the server's SQLSTATE.
 */
public final class ApplyFailedException extends PgRelocateException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String statement;
    private final String sqlState;

    ApplyFailedException(int position, int total, String statement, SQLException cause) {
        super("pgrelocate: reassign-owner: statement " + position + " of " + total + " failed; the transaction was"
                + " rolled back and nothing was changed:" + System.lineSeparator() + "  " + statement
                + System.lineSeparator() + "  " + indented(cause.getMessage())
                + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")"),
                EXIT_DATABASE, cause);
        this.position = position;
        this.statement = statement;
        this.sqlState = cause.getSQLState();
    }

    /** 1-based position of the failed statement in the plan; {@code total + 1} for the COMMIT. */
    public int position() {
        return position;
    }

    public String statement() {
        return statement;
    }

    /** The server's SQLSTATE, or null when the failure did not come from the server. */
    public String sqlState() {
        return sqlState;
    }

    /** PgJDBC puts the server's detail and hint on lines of their own. */
    private static String indented(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\R\\s*", System.lineSeparator() + "  ");
    }
}
