package dev.pgrelocate.restore;

import dev.pgrelocate.lex.Newlines;

/**
 * Follows one {@code COPY ... FROM stdin} block chunk by chunk, as {@link dev.pgrelocate.statement.StatementReader}
 * hands it over: counts the data lines (newlines) and finds the terminator line {@code \.}, which
 * is not sent to the server. Only chunk ends are inspected besides the newline count.
 */
public final class CopyRowCounter {
    private long rows;
    private long bytes;
    private boolean atLineStart = true;
    private boolean finished;

    /**
     * Accounts for {@code buf[start..end)} and returns the end of the data in it: {@code end}, or
     * the start of the terminator line when this chunk holds it (then {@link #finished()}).
     */
    public int accept(byte[] buf, int start, int end) {
        if (finished) {
            throw new IllegalStateException("COPY data after the terminator");
        }
        int dataEnd = terminatorStart(buf, start, end);
        if (dataEnd >= 0) {
            finished = true;
        } else {
            dataEnd = end;
        }
        rows += Newlines.count(buf, start, dataEnd);
        bytes += dataEnd - start;
        if (dataEnd > start) {
            atLineStart = buf[dataEnd - 1] == '\n';
        }
        return dataEnd;
    }

    /**
     * Start of a final {@code \.} line ({@code \.\n}, {@code \.\r\n} or {@code \.} at the end), or -1.
     * Empty lines after it are allowed: pg_dump's archives end their table data with {@code \.\n\n\n}.
     */
    private int terminatorStart(byte[] buf, int start, int chunkEnd) {
        int end = chunkEnd;
        while (end - start >= 2 && buf[end - 1] == '\n' && buf[end - 2] == '\n') {
            end--; // only the check looks past trailing empty lines; a row never starts with \.
        }
        int len = end - start;
        int candidate;
        if (len >= 3 && buf[end - 1] == '\n' && buf[end - 2] == '.' && buf[end - 3] == '\\') {
            candidate = end - 3;
        } else if (len >= 4 && buf[end - 1] == '\n' && buf[end - 2] == '\r' && buf[end - 3] == '.' && buf[end - 4] == '\\') {
            candidate = end - 4;
        } else if (len >= 2 && buf[end - 1] == '.' && buf[end - 2] == '\\') {
            candidate = end - 2;
        } else {
            return -1;
        }
        boolean lineStart = candidate == start ? atLineStart : buf[candidate - 1] == '\n';
        return lineStart ? candidate : -1;
    }

    /** Data lines seen so far (the terminator excluded). */
    public long rows() {
        return rows;
    }

    /** Bytes of data seen so far (the terminator excluded). */
    public long bytes() {
        return bytes;
    }

    public boolean finished() {
        return finished;
    }
}
