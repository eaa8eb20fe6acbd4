package dev.pgrelocate.cli;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.restore.RestoreProgress;
import dev.pgrelocate.restore.RestoreProgress.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI's progress bar: drawn from the engine's snapshots, and absent unless on a terminal. */
class TerminalProgressTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void drawsBytesPercentAndRateAndEndsWithTheBar() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        TerminalProgress bar = new TerminalProgress(new PrintStream(err, true, StandardCharsets.UTF_8));

        bar.progress(new Snapshot(2 * MIB, 8 * MIB, 10, 100, 1, Duration.ofSeconds(1), false));
        bar.progress(new Snapshot(8 * MIB, 8 * MIB, 40, 400, 3, Duration.ofSeconds(2), true));

        String drawn = err.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("restore"), drawn);
        assertTrue(drawn.contains("100%"), drawn);
        assertTrue(drawn.contains("8/8 MiB"), drawn);
        assertTrue(drawn.contains("MiB/s"), "the rate: " + drawn);
    }

    @Test
    void noBarForOtherStreamsOrWithNoProgress() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Streams captured = new Streams(new ByteArrayInputStream(new byte[0]), out, out);
        assertSame(RestoreProgress.NONE, TerminalProgress.of(captured, false));
        Streams system = new Streams(System.in, System.out, System.err);
        assertSame(RestoreProgress.NONE, TerminalProgress.of(system, true));
    }
}
