package dev.pgrelocate.cli;

import dev.pgrelocate.restore.RestoreProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The restore's progress bar on a terminal (bytes, percent when the size is known, rate), drawn on
 * stderr so that stdout keeps only the report and the summary. Commands get one from {@link #of},
 * which gives {@link RestoreProgress#NONE} unless the process runs on a terminal and the user did not
 * pass {@code --no-progress}: piped or redirected output is exactly what it was without it.
 */
final class TerminalProgress implements RestoreProgress {

    /** How often the engine reports; the bar redraws at its own pace. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    private final PrintStream err;
    private ProgressBar bar;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A bar on {@code streams}' stderr when it is the terminal's, else nothing. */
    static RestoreProgress of(Streams streams, boolean noProgress) {
        if (noProgress || System.console() == null || streams.err() != System.err) {
            return RestoreProgress.NONE;
        }
        return new TerminalProgress(streams.err());
    }

    @Override
    public void progress(Snapshot snapshot) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("restore")
                    .setInitialMax(snapshot.totalBytes() > 0 ? snapshot.totalBytes() : -1)
                    .setUnit(" MiB", 1024 * 1024)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }
        long max = bar.getMax();
        bar.stepTo(max > 0 ? Math.min(snapshot.bytes(), max) : snapshot.bytes());
        if (snapshot.done()) {
            bar.close();
            bar = null;
        }
    }
}
