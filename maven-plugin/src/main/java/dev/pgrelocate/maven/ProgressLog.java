package dev.pgrelocate.maven;

import dev.pgrelocate.restore.RestoreProgress;
import org.apache.maven.plugin.logging.Log;

import java.time.Duration;

/**
 * A restore's progress as build log lines, for restores that take longer than {@link #EVERY}: from
 * then on one line every {@link #EVERY} or every ten percent of a script whose size is known,
 * whichever comes first, such as
 * {@code restore: 512.0 MiB of 1.1 GiB (45%), 38.2 MiB/s, 12 tables, ...}. The final state is the
 * summary's to tell, so the last call logs nothing.
 */
final class ProgressLog implements RestoreProgress {

    static final Duration EVERY = Duration.ofSeconds(10);
    /** How often the engine calls: often enough for the ten-percent steps. */
    static final Duration ENGINE_INTERVAL = Duration.ofSeconds(1);

    private final Log log;
    private final String goal;
    private long lastLoggedNanos;
    private int lastDecile;

    ProgressLog(Log log, String goal) {
        this.log = log;
        this.goal = goal;
    }

    @Override
    public void progress(Snapshot snapshot) {
        if (snapshot.done() || snapshot.elapsed().compareTo(EVERY) < 0) {
            return; // a short restore needs no progress lines: the summary follows at once
        }
        long now = snapshot.elapsed().toNanos();
        int decile = snapshot.percent() < 0 ? lastDecile : snapshot.percent() / 10;
        if (now - lastLoggedNanos >= EVERY.toNanos() || decile > lastDecile) {
            lastLoggedNanos = now;
            lastDecile = decile;
            log.info("pgrelocate:" + goal + ": restore: " + snapshot.describe());
        }
    }
}
