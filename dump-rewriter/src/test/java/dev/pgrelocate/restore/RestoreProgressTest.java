package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.files.FileRewriter;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.Fixtures;
import dev.pgrelocate.testing.PlatformSetup;
import dev.pgrelocate.testing.RestoreTarget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress hook: called while the restore runs and once at the end, with figures that add up. */
class RestoreProgressTest extends EmbeddedServerTest {

    @TempDir
    Path work;

    private TargetDatabase target(RestoreTarget target) {
        return TargetDatabase.of(server.jdbcUrl(target.database()) + "?user=" + target.role());
    }

    @Test
    void theFiguresAddUpToTheSummary() throws Exception {
        Path input = Fixtures.plain("rails_app.plain.sql");
        Path rewritten = work.resolve("rewritten.sql");
        new FileRewriter(new Rewriter(RewriteOptions.of(Preset.HEROKU))).rewrite(input, rewritten);
        long size = Files.size(rewritten);
        List<RestoreProgress.Snapshot> seen = new ArrayList<>();
        RestoreEngine engine = new RestoreEngine(target(PlatformSetup.HEROKU_LIKE.prepare(server)), RestoreOptions.defaults())
                .progress(seen::add, size, Duration.ZERO); // every chance it gets

        RestoreSummary summary;
        try (var in = Files.newInputStream(rewritten)) {
            summary = engine.restore(in, "rewritten.sql");
        }

        assertTrue(seen.size() > 10, "called along the way: " + seen.size());
        RestoreProgress.Snapshot last = seen.get(seen.size() - 1);
        assertTrue(last.done());
        assertEquals(1, seen.stream().filter(RestoreProgress.Snapshot::done).count(), "one final call");
        assertEquals(size, last.bytes(), "every byte of the script consumed");
        assertEquals(100, last.percent());
        assertEquals(summary.statements(), last.statements());
        assertEquals(summary.totalRows(), last.rows());
        assertEquals(summary.tables().size(), last.tables());
        assertTrue(summary.totalRows() > 0 && summary.tables().size() >= 5, summary::toText);
        for (int i = 1; i < seen.size(); i++) {
            RestoreProgress.Snapshot a = seen.get(i - 1);
            RestoreProgress.Snapshot b = seen.get(i);
            assertTrue(b.bytes() >= a.bytes() && b.statements() >= a.statements() && b.rows() >= a.rows()
                    && b.tables() >= a.tables(), "never backwards: " + a + " then " + b);
            assertTrue(b.bytes() <= size, b::toString);
        }
        assertTrue(last.describe().contains(" of " + RestoreSummary.bytes(size) + " (100%)"), last.describe());
    }

    @Test
    void aLongIntervalMeansOnlyTheFinalCallAndAFailureStillGetsIt() throws Exception {
        List<RestoreProgress.Snapshot> seen = new ArrayList<>();
        RestoreEngine engine = new RestoreEngine(target(PlatformSetup.VANILLA.prepare(server)), RestoreOptions.defaults())
                .progress(seen::add, -1, Duration.ofDays(1));
        byte[] script = RestoreEngineTest.FAILING.getBytes(StandardCharsets.UTF_8);

        RestoreException e = assertThrows(RestoreException.class,
                () -> engine.restore(new ByteArrayInputStream(script), "dump.sql"));

        assertEquals(1, seen.size(), seen::toString);
        RestoreProgress.Snapshot last = seen.get(0);
        assertTrue(last.done());
        assertEquals(-1, last.percent(), "no total known");
        assertEquals(2, last.rows(), "the COPY of two rows before the failing statement");
        assertEquals(1, last.tables());
        assertEquals(e.summary().statements(), last.statements());
        assertTrue(last.describe().startsWith(RestoreSummary.bytes(last.bytes()) + ", "), last.describe());
    }
}
