package dev.pgrelocate.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a restore did: rows and bytes per table, statements run, errors, time. The counters are
 * synchronized because a parallel archive restore has several connections reporting into one summary.
 */
public final class RestoreSummary {

    /** Rows and bytes of COPY data loaded into one table (summed when a dump copies a table twice). */
    public record TableLoad(String table, long rows, long bytes) {
    }

    private final String target;
    private final Map<String, TableLoad> tables = new LinkedHashMap<>();
    private final List<RestoreError> errors = new ArrayList<>();
    private long statements;
    private Duration elapsed = Duration.ZERO;
    private boolean rolledBack;

    public RestoreSummary(String target) {
        this.target = target;
    }

    synchronized void statementExecuted() {
        statements++;
    }

    synchronized void tableLoaded(String table, long rows, long bytes) {
        tables.merge(table, new TableLoad(table, rows, bytes),
                (a, b) -> new TableLoad(table, a.rows() + b.rows(), a.bytes() + b.bytes()));
    }

    synchronized void error(RestoreError error) {
        errors.add(error);
    }

    void finish(Duration elapsed, boolean rolledBack) {
        this.elapsed = elapsed;
        this.rolledBack = rolledBack;
    }

    /** The target, password redacted. */
    public String target() {
        return target;
    }

    public List<TableLoad> tables() {
        return List.copyOf(tables.values());
    }

    /** Rows loaded per table ({@code schema.table} as the dump names it). */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.values().forEach(t -> counts.put(t.table(), t.rows()));
        return Collections.unmodifiableMap(counts);
    }

    /** Statements the server ran successfully (COPY included, pre- and post-SQL included). */
    public long statements() {
        return statements;
    }

    public List<RestoreError> errors() {
        return List.copyOf(errors);
    }

    public int failures() {
        return errors.size();
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** True when a single-transaction restore was rolled back. */
    public boolean rolledBack() {
        return rolledBack;
    }

    public long totalRows() {
        return tables.values().stream().mapToLong(TableLoad::rows).sum();
    }

    public long totalBytes() {
        return tables.values().stream().mapToLong(TableLoad::bytes).sum();
    }

    public String toText() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("restore into ").append(target).append(": ").append(statements).append(" statements, ")
                .append(tables.size()).append(tables.size() == 1 ? " table, " : " tables, ")
                .append(totalRows()).append(" rows, ").append(bytes(totalBytes())).append(" of COPY data in ")
                .append(String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        if (!errors.isEmpty()) {
            text.append(", ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
        }
        if (rolledBack) {
            text.append(", rolled back");
        }
        text.append(nl);
        int width = tables.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (TableLoad t : tables.values()) {
            text.append(String.format(Locale.ROOT, "  %-" + Math.max(width, 1) + "s %12d rows %12s%n",
                    t.table(), t.rows(), bytes(t.bytes())));
        }
        for (RestoreError e : errors) {
            text.append("  error: ").append(e.describe()).append(nl);
        }
        return text.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Override
    public String toString() {
        return toText();
    }
}
