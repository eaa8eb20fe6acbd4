package dev.pgrelocate.restore;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.DataSizes;
import dev.pgrelocate.archive.EntryParts;
import dev.pgrelocate.archive.RestorePass;
import dev.pgrelocate.archive.ScriptOptions;
import dev.pgrelocate.archive.TocEntry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Restores an archive on several connections without pg_restore, the way {@code pg_restore -j N}
 * does (see {@link RestoreSchedule}): pre-data in TOC order on one connection; table data,
 * indexes, constraints, triggers... on {@code jobs} connections as their dependencies finish;
 * then what is left, the privileges and the post-privilege entries in TOC order on one connection.
 * Every connection starts with the archive's session settings.
 *
 * <p>The first failing entry stops the restore (running entries finish, nothing new starts) with
 * its dumpId, type and name and the server's message; with continue-on-error all failures are
 * collected in the summary and the restore goes on, as pg_restore does. COPY row counts are
 * checked as {@link RestoreEngine} checks them. Entries read their data from the archive
 * concurrently, which its positioned reads allow.
 */
public final class ParallelArchiveRestore {
    private final TargetDatabase target;
    private final RestoreOptions options;
    private final ScriptOptions scriptOptions;
    private final int jobs;

    public ParallelArchiveRestore(TargetDatabase target, RestoreOptions options, ScriptOptions scriptOptions, int jobs) {
        if (jobs < 1) {
            throw new PgRelocateException("--jobs must be at least 1, not " + jobs, PgRelocateException.EXIT_USAGE);
        }
        if (options.singleTransaction()) {
            throw new PgRelocateException("--single-transaction cannot be combined with --jobs",
                    PgRelocateException.EXIT_USAGE);
        }
        if (options.clean()) {
            throw new PgRelocateException("--clean is not supported for archives; restore into an empty database",
                    PgRelocateException.EXIT_USAGE);
        }
        this.target = target;
        this.options = options;
        this.scriptOptions = scriptOptions;
        this.jobs = jobs;
    }

    public RestoreSummary restore(Archive archive) throws IOException {
        return restore(archive, archive.entries());
    }

    /** Restores {@code entries} (the archive's, possibly rewritten; data found by dumpId). */
    public RestoreSummary restore(Archive archive, List<TocEntry> entries) throws IOException {
        long started = System.nanoTime();
        RestoreSummary summary = new RestoreSummary(target.toString());
        RestoreSchedule schedule = new RestoreSchedule(entries, DataSizes.of(archive));
        try {
            try (ArchiveConnection first = open(summary, archive, entries, true)) {
                first.runPreSql();
                runSerially(first, schedule.serialFirst(), schedule);
            }
            runParallel(schedule, summary, archive, entries);
            try (ArchiveConnection last = open(summary, archive, entries, false)) {
                for (RestorePass pass : RestorePass.values()) {
                    runSerially(last, schedule.unfinished(pass), schedule);
                }
                last.runPostSql();
            }
            return summary;
        } finally {
            summary.finish(Duration.ofNanos(System.nanoTime() - started), false);
        }
    }

    private void runSerially(ArchiveConnection connection, List<TocEntry> entries, RestoreSchedule schedule)
            throws IOException {
        for (TocEntry entry : entries) {
            if (EntryParts.of(entry, scriptOptions).any()) {
                connection.run(entry);
            }
            schedule.finished(entry);
        }
    }

    /** One finished job: its entry, the connection it frees, and what it threw. */
    private record Done(TocEntry entry, ArchiveConnection connection, Throwable failure) {
    }

    private void runParallel(RestoreSchedule schedule, RestoreSummary summary, Archive archive, List<TocEntry> entries)
            throws IOException {
        List<ArchiveConnection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, task -> {
            Thread thread = new Thread(task, "pgrelocate-restore-job");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < jobs; i++) {
                connections.add(open(summary, archive, entries, false));
            }
            Deque<ArchiveConnection> idle = new ArrayDeque<>(connections);
            BlockingQueue<Done> done = new LinkedBlockingQueue<>();
            Set<TocEntry> running = new HashSet<>();
            Throwable failure = null;
            while (true) {
                TocEntry next = failure == null && !idle.isEmpty() ? schedule.next(running) : null;
                if (next != null) {
                    if (!EntryParts.of(next, scriptOptions).any()) {
                        schedule.finished(next); // nothing to run, but its dependents may start
                        continue;
                    }
                    ArchiveConnection connection = idle.pop();
                    running.add(next);
                    pool.execute(() -> done.add(new Done(next, connection, runQuietly(connection, next))));
                    continue;
                }
                if (running.isEmpty()) {
                    break;
                }
                Done finished = take(done);
                running.remove(finished.entry());
                idle.push(finished.connection());
                if (finished.failure() == null) {
                    schedule.finished(finished.entry());
                } else if (failure == null) {
                    failure = finished.failure(); // the first one; running entries may still finish
                }
            }
            Failures.rethrow(failure);
        } finally {
            pool.shutdownNow();
            connections.forEach(ArchiveConnection::close);
        }
    }

    private static Throwable runQuietly(ArchiveConnection connection, TocEntry entry) {
        try {
            connection.run(entry);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Done take(BlockingQueue<Done> done) throws InterruptedIOException {
        try {
            return done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the restore jobs");
        }
    }


    private ArchiveConnection open(RestoreSummary summary, Archive archive, List<TocEntry> entries, boolean checkEmpty)
            throws IOException {
        return ArchiveConnection.open(target, options, summary, archive, entries, scriptOptions, checkEmpty);
    }
}
