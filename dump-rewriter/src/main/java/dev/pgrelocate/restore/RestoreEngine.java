package dev.pgrelocate.restore;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.StatementReader;
import dev.pgrelocate.write.LineMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a plain SQL script (a rewritten pg_dump, a structure.sql) over one PgJDBC connection the way
 * {@code psql -v ON_ERROR_STOP=1 -f} would: one statement at a time, autocommit unless
 * single-transaction, {@code COPY ... FROM stdin} data streamed chunk by chunk through
 * {@link CopyIn} (never a whole block in memory) with the server's row count checked against the
 * lines the script carried, the restrict and unrestrict meta-commands ignored, {@code \connect} followed
 * only when allowed.
 *
 * <pre>{@code
 * RestoreSummary summary = new RestoreEngine(TargetDatabase.of(url), RestoreOptions.defaults())
 *         .restore(in, "dump.sql");
 * }</pre>
 *
 * Failures throw {@link RestoreException}: exit 1 for a failing statement (with file line, SQLSTATE
 * and the statement's first line), 3 for a script psql features the engine does not run, 4 for a
 * target that cannot be reached or is not empty. With {@link RestoreOptions#continueOnError()} the
 * failing statements are collected in the returned summary instead.
 */
public final class RestoreEngine {
    private static final Pattern CLIENT_ENCODING = Pattern.compile(
            "^\\s*SET\\s+(?:SESSION\\s+)?client_encoding\\s*(?:=|TO)\\s*'?([^';\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY_TABLE = Pattern.compile(
            "^\\s*COPY\\s+((?:\"(?:[^\"]|\"\")*\"|[^\\s(.\"]+)(?:\\.(?:\"(?:[^\"]|\"\")*\"|[^\\s(.\"]+))?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CSV = Pattern.compile("\\bCSV\\b|\\bFORMAT\\s+'?csv", Pattern.CASE_INSENSITIVE);

    private final TargetDatabase target;
    private final RestoreOptions options;

    private Connection connection;
    private String database;
    private RestoreSummary summary;
    private boolean dropsRequiredFirst;
    private boolean dropSeen;

    /** Output-to-input lines of the script being restored (identity for a plain script). */
    private LineMap inputLines = new LineMap();

    private RestoreProgress progress = RestoreProgress.NONE;
    private long progressTotalBytes = -1;
    private long progressIntervalNanos;
    private long lastProgress;
    private long started;
    private CountingInputStream counted;
    private CopyBlock activeCopy;

    public RestoreEngine(TargetDatabase target, RestoreOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Reports progress to {@code listener} at most once per {@code interval} (and once at the end).
     *
     * @param totalBytes the size of the script the engine will read, or -1 when unknown
     */
    public RestoreEngine progress(RestoreProgress listener, long totalBytes, Duration interval) {
        this.progress = listener == null ? RestoreProgress.NONE : listener;
        this.progressTotalBytes = totalBytes;
        this.progressIntervalNanos = interval.toNanos();
        return this;
    }

    /**
     * Restores {@code script} (already decompressed) into the target. The returned summary has
     * {@link RestoreSummary#failures()} only with continue-on-error.
     */
    public RestoreSummary restore(InputStream script, String source) throws IOException {
        return restore(script, source, new LineMap());
    }

    /**
     * The same for a script that is a rewrite's output: errors are reported at the lines of the
     * rewrite's input, through the map the rewriter filled.
     */
    public RestoreSummary restore(InputStream script, String source, LineMap inputLines) throws IOException {
        this.inputLines = inputLines;
        started = System.nanoTime();
        lastProgress = started;
        counted = new CountingInputStream(script);
        connection = null;
        summary = new RestoreSummary(target.toString());
        database = target.database();
        boolean committed = false;
        try {
            connection = connect(target);
            checkTargetIsEmpty();
            if (options.singleTransaction()) {
                connection.setAutoCommit(false);
            }
            runExtra(options.preSql(), "--pre-sql");
            runScript(new StatementReader(counted, source), source);
            runExtra(options.postSql(), "--post-sql");
            if (options.singleTransaction()) {
                connection.commit();
            }
            committed = true;
            summary.finish(Duration.ofNanos(System.nanoTime() - started), false);
            return summary;
        } catch (SQLException e) {
            throw new RestoreException("database error on " + target + ": " + e.getMessage()
                    + sqlStateSuffix(e), PgRelocateException.EXIT_DATABASE, summary, e);
        } finally {
            boolean rolledBack = false;
            if (!committed && options.singleTransaction() && connection != null) {
                try {
                    connection.rollback();
                    rolledBack = true;
                } catch (SQLException ignored) {
                    // the connection is gone: the server rolls back itself
                    rolledBack = true;
                }
            }
            if (!committed) {
                summary.finish(Duration.ofNanos(System.nanoTime() - started), rolledBack);
            }
            closeQuietly(connection);
            activeCopy = null;
            try {
                report(System.nanoTime(), true);
            } catch (RuntimeException listenerFailure) {
                // a progress display must not change the restore's outcome
            }
        }
    }

    // ------------------------------------------------------------ progress

    /** Reports when the interval has passed since the last report; cheap otherwise (one clock read). */
    private void tick() {
        if (progress == RestoreProgress.NONE) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProgress >= progressIntervalNanos) {
            report(now, false);
        }
    }

    private void report(long now, boolean done) {
        if (progress == RestoreProgress.NONE) {
            return;
        }
        lastProgress = now;
        long rows = summary.totalRows() + (activeCopy == null ? 0 : activeCopy.counter.rows());
        int tables = summary.tables().size() + (activeCopy == null || summary.rowCounts().containsKey(activeCopy.table) ? 0 : 1);
        progress.progress(new RestoreProgress.Snapshot(counted.count, progressTotalBytes, summary.statements(), rows,
                tables, Duration.ofNanos(now - started), done));
    }

    /** Counts the bytes the statement reader pulls from the script. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    // ------------------------------------------------------------ a restore in pieces

    /*
     * An archive restore runs many small scripts (one per TOC entry) on several connections: each
     * connection gets its own engine, opened once, and all of them report into one summary.
     */

    /** Connects for {@link #runPiece}; checks that the target is empty (as {@link #restore} does) when asked. */
    void open(RestoreSummary shared, boolean checkEmpty) {
        summary = shared;
        database = target.database();
        connection = connect(target);
        try {
            if (checkEmpty) {
                checkTargetIsEmpty();
            }
        } catch (SQLException e) {
            close();
            throw databaseError(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Runs one script on the open connection: statements and COPY blocks (row counts checked), as restore() does. */
    void runPiece(InputStream script, String source) throws IOException {
        try {
            runScript(new StatementReader(script, source), source);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /**
     * One {@code COPY ... FROM stdin} with its rows read from {@code data} (an archive's decompressed
     * table data) on the open connection, without a script around it: no lexing and no pipe between
     * reading and sending. Rows are counted and checked as in a script.
     */
    void copyFrom(String copyStatement, InputStream data, String source) throws IOException {
        StatementReader reader = new StatementReader(
                new java.io.ByteArrayInputStream(copyStatement.getBytes(StandardCharsets.UTF_8)), source);
        StatementReader.Item item = reader.next();
        while (item == StatementReader.Item.TRIVIA) {
            item = reader.next();
        }
        if (item != StatementReader.Item.STATEMENT || reader.statement().kind() != StatementKind.COPY) {
            throw new IllegalArgumentException(source + ": not a COPY statement: " + copyStatement);
        }
        CopyBlock copy = startCopy(reader.statement(), source);
        activeCopy = copy;
        byte[] buffer = new byte[COPY_READ_BUFFER];
        int n;
        while (!copy.counter.finished() && (n = data.read(buffer)) > 0) {
            copy.write(buffer, 0, n);
            tick();
        }
        activeCopy = null; // the data may end with pg_dump's \. line or without it
        copy.end();
    }

    private static final int COPY_READ_BUFFER = 256 * 1024;

    /** The --pre-sql or --post-sql texts on the open connection. */
    void runExtraPieces(boolean pre) {
        try {
            runExtra(pre ? options.preSql() : options.postSql(), pre ? "--pre-sql" : "--post-sql");
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    void close() {
        closeQuietly(connection);
        connection = null;
    }

    private RestoreException databaseError(SQLException e) {
        return new RestoreException("database error on " + target + ": " + e.getMessage() + sqlStateSuffix(e),
                PgRelocateException.EXIT_DATABASE, summary, e);
    }

    // ------------------------------------------------------------ the script

    private void runScript(StatementReader reader, String source) throws IOException, SQLException {
        Statement pendingCopy = null;
        CopyBlock copy = null;
        while (true) {
            StatementReader.Item item = reader.next();
            tick();
            if (item == StatementReader.Item.TRIVIA) {
                continue;
            }
            if (item == StatementReader.Item.COPY_DATA) {
                if (copy == null) {
                    copy = startCopy(pendingCopy, source);
                    activeCopy = copy;
                    pendingCopy = null;
                }
                copy.write(reader.buffer(), reader.start(), reader.end());
                if (copy.counter.finished()) {
                    activeCopy = null;
                    copy.end();
                    copy = null;
                }
                continue;
            }
            if (pendingCopy != null) {
                execute(pendingCopy, source); // COPY without inline data (TO stdout, FROM a file)
                pendingCopy = null;
            }
            switch (item) {
                case STATEMENT -> {
                    Statement s = reader.statement();
                    if (s.kind() == StatementKind.COPY) {
                        pendingCopy = s;
                    } else {
                        execute(s, source);
                    }
                }
                case META_COMMAND -> metaCommand(reader.itemText().strip(), reader.itemLine(), source);
                case END -> {
                    return;
                }
                default -> throw new IllegalStateException("unexpected " + item);
            }
        }
    }

    private void execute(Statement s, String source) throws SQLException {
        String sql = new String(s.bytes(), StandardCharsets.UTF_8);
        if (s.kind() == StatementKind.SET) {
            requireUtf8(sql, s, source);
        }
        if (dropsRequiredFirst && !dropSeen) {
            switch (s.kind()) {
                case DROP_SCHEMA, DROP_EXTENSION, DROP_OTHER -> dropSeen = true;
                case CREATE_SCHEMA, CREATE_EXTENSION, CREATE_FUNCTION, CREATE_TABLE, CREATE_OTHER ->
                        throw new RestoreException("--clean given, but " + source + ":" + s.line()
                                + " creates before anything is dropped (" + s.firstLine() + "); the target " + target
                                + " is not empty: restore a pg_dump --clean dump, or pass --force",
                                PgRelocateException.EXIT_DATABASE, summary);
                default -> { }
            }
        }
        run(sql, source, s.line(), s.firstLine());
    }

    private void run(String sql, String source, long line, String firstLine) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
            summary.statementExecuted();
        } catch (SQLException e) {
            if (connection.isClosed()) {
                throw e;
            }
            fail(new RestoreError(source, line, nullToEmpty(e.getSQLState()), e.getMessage(), firstLine),
                    PgRelocateException.EXIT_FINDINGS);
        }
    }

    private void runExtra(List<String> sqls, String what) throws SQLException {
        for (int i = 0; i < sqls.size(); i++) {
            String sql = sqls.get(i);
            String first = sql.strip().lines().findFirst().orElse("");
            run(sql, what + (sqls.size() > 1 ? " #" + (i + 1) : ""), 1, first);
        }
    }

    /** Records an error; stops the restore unless continue-on-error. */
    private void fail(RestoreError reported, int exitCode) {
        RestoreError error = new RestoreError(reported.source(), inputLines.inputLine(reported.line()),
                reported.sqlState(), reported.message(), reported.firstLine());
        summary.error(error);
        if (!options.continueOnError()) {
            throw new RestoreException("restore failed at " + error.describe()
                    + (options.singleTransaction() ? System.lineSeparator() + "rolled back: the target is"
                    + " as it was before" : ""), exitCode, summary);
        }
    }

    private void requireUtf8(String sql, Statement s, String source) {
        Matcher m = CLIENT_ENCODING.matcher(sql);
        if (m.find()) {
            String encoding = m.group(1).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (!encoding.equals("UTF8") && !encoding.equals("UNICODE")) {
                throw new RestoreException("" + source + ":" + s.line() + ": the script is in client"
                        + " encoding " + m.group(1) + "; restoring over JDBC needs UTF8 (convert it first, e.g. with"
                        + " iconv, and change the SET client_encoding line)", PgRelocateException.EXIT_BAD_INPUT, summary);
            }
        }
    }

    // ------------------------------------------------------------ COPY

    private CopyBlock startCopy(Statement copyStatement, String source) {
        if (copyStatement == null) {
            throw new IllegalStateException("COPY data without a COPY statement");
        }
        String sql = new String(copyStatement.bytes(), StandardCharsets.UTF_8).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        Matcher m = COPY_TABLE.matcher(sql);
        String table = m.find() ? m.group(1) : "?";
        CopyBlock block = new CopyBlock(copyStatement, source, table, !CSV.matcher(sql).find());
        try {
            block.copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        } catch (SQLException e) {
            block.failed(e);
        }
        return block;
    }

    /** One COPY block in progress: its data is written as it comes, or skipped after a failure. */
    private final class CopyBlock {
        final Statement statement;
        final String source;
        final String table;
        final boolean checkRows;
        final CopyRowCounter counter = new CopyRowCounter();
        CopyIn copyIn;

        CopyBlock(Statement statement, String source, String table, boolean checkRows) {
            this.statement = statement;
            this.source = source;
            this.table = table;
            this.checkRows = checkRows;
        }

        void write(byte[] buf, int start, int end) {
            int dataEnd = counter.accept(buf, start, end);
            if (copyIn != null && dataEnd > start) {
                try {
                    copyIn.writeToCopy(buf, start, dataEnd - start);
                } catch (SQLException e) {
                    failed(e);
                }
            }
        }

        void end() {
            if (copyIn == null) {
                return; // failed: the error is recorded already
            }
            long loaded;
            try {
                loaded = copyIn.endCopy();
            } catch (SQLException e) {
                failed(e);
                return;
            }
            copyIn = null;
            summary.statementExecuted();
            summary.tableLoaded(table, loaded, counter.bytes());
            if (checkRows && loaded != counter.rows()) {
                fail(new RestoreError(source, statement.line(), "", "COPY into " + table + " loaded " + loaded
                        + " rows, but the dump carries " + counter.rows(), statement.firstLine()),
                        PgRelocateException.EXIT_FINDINGS);
            }
        }

        /** Cancels the copy (if the server still expects data), records the error, skips the rest of the block. */
        void failed(SQLException e) {
            CopyIn active = copyIn;
            copyIn = null;
            if (active != null && active.isActive()) {
                try {
                    active.cancelCopy();
                } catch (SQLException ignored) {
                    // the server ended the copy already
                }
            }
            fail(new RestoreError(source, statement.line(), nullToEmpty(e.getSQLState()), e.getMessage(),
                    statement.firstLine()), PgRelocateException.EXIT_FINDINGS);
        }
    }

    // ------------------------------------------------------------ meta-commands

    private void metaCommand(String text, long line, String source) throws SQLException {
        String[] words = text.split("\\s+", 2);
        String command = words[0];
        switch (command) {
            case "\\restrict", "\\unrestrict" -> {
                // psql 17.6+ (restrict mode): forbids meta-commands from the server's data; nothing to do over JDBC
            }
            case "\\connect", "\\c" -> connectTo(words.length > 1 ? connectTarget(words[1]) : "-", text, line, source);
            default -> fail(new RestoreError(source, line, "", "psql meta-command " + command
                    + " is not supported by pgrelocate restore", text), PgRelocateException.EXIT_BAD_INPUT);
        }
    }

    private void connectTo(String db, String text, long line, String source) throws SQLException {
        if (db.equals("-") || db.equals(database)) {
            return; // the same database: stay connected
        }
        if (!options.allowConnect()) {
            fail(new RestoreError(source, line, "", "the script switches to database \"" + db + "\"; pass"
                    + " --allow-connect to follow it (the same server and credentials)", text),
                    PgRelocateException.EXIT_BAD_INPUT);
            return;
        }
        if (options.singleTransaction()) {
            fail(new RestoreError(source, line, "", "the script switches to database \"" + db + "\", which a single"
                    + " transaction cannot span", text), PgRelocateException.EXIT_BAD_INPUT);
            return;
        }
        TargetDatabase next = target.withDatabase(db);
        closeQuietly(connection);
        connection = connect(next);
        database = db;
    }

    /** The database a {@code \connect} argument list names: {@code db}, {@code "d b"}, {@code -reuse-previous=on "dbname='x'"}. */
    static String connectTarget(String args) {
        List<String> parsed = splitArgs(args);
        parsed.removeIf(a -> a.startsWith("-reuse-previous"));
        if (parsed.isEmpty()) {
            return "-";
        }
        String first = parsed.get(0);
        Matcher conninfo = Pattern.compile("(?:^|\\s)dbname\\s*=\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|(\\S+))").matcher(first);
        if (first.contains("=") && conninfo.find()) {
            return conninfo.group(1) != null ? conninfo.group(1).replaceAll("\\\\(.)", "$1") : conninfo.group(2);
        }
        return first;
    }

    /** psql's argument splitting, enough for \connect: double quotes ("" escapes one), single quotes. */
    private static List<String> splitArgs(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < args.length() && args.charAt(i + 1) == quote) {
                        cur.append(c);
                        i++;
                    } else {
                        quote = 0;
                    }
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    // ------------------------------------------------------------ the target

    private Connection connect(TargetDatabase db) {
        try {
            return db.connect();
        } catch (SQLException e) {
            throw new RestoreException("cannot connect to " + db + ": " + e.getMessage()
                    + sqlStateSuffix(e), PgRelocateException.EXIT_DATABASE, summary, e);
        }
    }

    /** User relations: outside the system schemas and not members of an extension. */
    private void checkTargetIsEmpty() throws SQLException {
        if (options.force()) {
            return;
        }
        List<String> found = new ArrayList<>();
        long count = 0;
        try (java.sql.Statement st = connection.createStatement();
                ResultSet rows = st.executeQuery("""
                        SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                           AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                           AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
                           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                                              AND d.objid = c.oid AND d.deptype = 'e')
                         ORDER BY 1""")) {
            while (rows.next()) {
                if (found.size() < 5) {
                    found.add(rows.getString(1));
                }
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        if (options.clean()) {
            dropsRequiredFirst = true;
            return;
        }
        throw new RestoreException("the target " + target + " is not empty: it holds " + count
                + (count == 1 ? " relation (" : " relations (") + String.join(", ", found) + (count > found.size() ? ", ..." : "")
                + ")" + System.lineSeparator() + "hint: restore into an empty database; for a dump made with pg_dump"
                + " --clean pass --clean, to restore over the existing objects anyway pass --force",
                PgRelocateException.EXIT_DATABASE, summary);
    }

    private static String sqlStateSuffix(SQLException e) {
        return e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }
}
