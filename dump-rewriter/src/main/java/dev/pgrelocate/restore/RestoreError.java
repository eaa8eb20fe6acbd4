package dev.pgrelocate.restore;

/**
 * One failed statement: where it is in the script, what the server said.
 *
 * @param source    the script's name
 * @param line      line of the statement's first character in the stream the engine read
 * @param sqlState  the server's SQLSTATE, or "" when there is none
 * @param message   the server's message (never holds a password: the engine does not send any)
 * @param firstLine the statement's first line
 */
public record RestoreError(String source, long line, String sqlState, String message, String firstLine) {

    /** {@code source:line: message (SQLSTATE x)} and the statement's first line on the next line. */
    public String describe() {
        return source + ":" + line + ": " + message.strip()
                + (sqlState.isEmpty() ? "" : " (SQLSTATE " + sqlState + ")")
                + System.lineSeparator() + "    in: " + firstLine;
    }
}
