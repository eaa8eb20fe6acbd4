package dev.pgrelocate.restore;

import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.write.LineMap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rewrites and restores in one pass, without a temporary file: the rewrite runs on a thread of its
 * own and writes into a bounded {@link StreamPipe} that the {@link RestoreEngine} reads. Memory is
 * the pipe's few megabytes plus what each side holds anyway.
 *
 * <p>Given the {@link LineMap} the rewrite fills, restore errors name the input file's lines; without
 * one they are lines of the rewritten stream and name the source {@code "<source> (rewritten)"}.
 */
public final class RewriteAndRestore {

    /** One side of the pass: the rewrite of one input into {@code out}. */
    @FunctionalInterface
    public interface RewriteStep {
        RewriteReport rewriteInto(OutputStream out) throws IOException;
    }

    /** Both results. */
    public record Result(RewriteReport report, RestoreSummary summary) {
    }

    private static final int CHUNK = 256 * 1024;
    private static final int CHUNKS = 16;
    private static final long STOP_WAIT_SECONDS = 10;

    private RewriteAndRestore() {
    }

    /**
     * Runs {@code rewrite} and restores its output with {@code engine}. A failure of the rewrite
     * (malformed input) wins over the restore error it causes; a restore failure stops the rewrite.
     */
    public static Result run(RewriteStep rewrite, RestoreEngine engine, String source) throws IOException {
        return run(rewrite, engine, source + " (rewritten)", null);
    }

    /**
     * The same with the line map {@code rewrite} records into: errors are reported at the lines of
     * {@code source} itself.
     */
    public static Result run(RewriteStep rewrite, RestoreEngine engine, String source, LineMap inputLines)
            throws IOException {
        StreamPipe pipe = new StreamPipe(CHUNKS, CHUNK);
        FutureTask<RewriteReport> task = new FutureTask<>(() -> {
            try {
                RewriteReport report = rewrite.rewriteInto(pipe.out);
                pipe.out.close();
                return report;
            } catch (Throwable t) {
                pipe.fail(t);
                throw t;
            }
        });
        Thread writer = new Thread(task, "pgrelocate-rewrite");
        writer.setDaemon(true);
        writer.start();
        RestoreSummary summary;
        try {
            summary = inputLines == null ? engine.restore(pipe.in, source) : engine.restore(pipe.in, source, inputLines);
        } catch (RuntimeException | IOException restoreFailure) {
            pipe.in.close(); // unblocks and stops the rewriter
            rewriteResult(task, restoreFailure); // throws the rewrite's own failure (bad input): it wins
            throw restoreFailure;
        }
        pipe.in.close();
        return new Result(rewriteResult(task, null), summary);
    }

    /** The rewrite's report, or its own failure (rethrown as it was) unless it only reacted to the restore's. */
    private static RewriteReport rewriteResult(FutureTask<RewriteReport> task, Exception restoreFailure) throws IOException {
        try {
            if (restoreFailure == null) {
                return task.get();
            }
            // the rewriter stops at its next write; it may be waiting for input from a pipe (pg_dump | ...)
            return task.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return null; // a daemon thread: it ends with the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean causedByRestoreStop = restoreFailure != null && cause instanceof IOException
                    && !(cause instanceof java.io.FileNotFoundException) && isPipeStop(cause);
            if (causedByRestoreStop) {
                return null;
            }
            Failures.rethrow(cause);
            throw new IllegalStateException("a rewrite failed without a cause", e);
        }
    }

    private static boolean isPipeStop(Throwable t) {
        String m = t.getMessage();
        return m != null && (m.equals("the restore stopped reading") || m.equals("pipe closed"));
    }
}
