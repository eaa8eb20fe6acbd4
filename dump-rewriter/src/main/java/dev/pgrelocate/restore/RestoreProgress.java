package dev.pgrelocate.restore;

import java.time.Duration;
import java.util.Locale;

/**
 * Told how a restore is getting on, at a bounded rate: {@link RestoreEngine} calls it at most once
 * per {@link RestoreEngine#progress interval} while it runs (between statements and between COPY
 * chunks, never per row) and exactly once more at the end with {@link Snapshot#done()} set, whether
 * the restore succeeded or failed. Called on the restoring thread: keep it quick.
 */
@FunctionalInterface
public interface RestoreProgress {

    /** A listener that does nothing. */
    RestoreProgress NONE = snapshot -> { };

    void progress(Snapshot snapshot);

    /**
     * Where the restore stands.
     *
     * @param bytes      bytes of the script the engine has consumed (the rewritten, decompressed stream)
     * @param totalBytes the expected size of that stream, or -1 when unknown (a compressed file, stdin); a rewrite
     *                   changes a few bytes, so {@code bytes} may end slightly off it
     * @param statements statements the server ran successfully
     * @param rows       rows loaded by the COPYs that finished
     * @param tables     tables COPY data went into
     * @param elapsed    time since the restore started
     * @param done       the last call: the restore has ended
     */
    record Snapshot(long bytes, long totalBytes, long statements, long rows, int tables, Duration elapsed, boolean done) {

        /** {@code bytes} out of {@code totalBytes} as 0-100, or -1 when the total is unknown. */
        public int percent() {
            if (totalBytes <= 0) {
                return -1;
            }
            return (int) Math.min(100, bytes * 100 / totalBytes);
        }

        /** Average bytes per second so far (0 before any time has passed). */
        public double bytesPerSecond() {
            long nanos = elapsed.toNanos();
            return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
        }

        /** {@code 512.0 MiB of 1.1 GiB (45%), 38.2 MiB/s, 12 tables, 1204 statements}, for a log line. */
        public String describe() {
            StringBuilder text = new StringBuilder(RestoreSummary.bytes(bytes));
            if (totalBytes > 0) {
                text.append(" of ").append(RestoreSummary.bytes(totalBytes)).append(" (").append(percent()).append("%)");
            }
            text.append(", ").append(RestoreSummary.bytes((long) bytesPerSecond())).append("/s, ")
                    .append(tables).append(tables == 1 ? " table, " : " tables, ")
                    .append(rows).append(rows == 1 ? " row, " : " rows, ")
                    .append(statements).append(statements == 1 ? " statement" : " statements")
                    .append(String.format(Locale.ROOT, ", %.0f s", elapsed.toMillis() / 1000.0));
            return text.toString();
        }
    }
}
