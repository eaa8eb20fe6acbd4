package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.archive.Archive;
import dev.pgrelocate.archive.ArchiveReader;
import dev.pgrelocate.archive.ScriptOptions;
import dev.pgrelocate.archive.TocEntry;
import dev.pgrelocate.testing.DatabaseSnapshot;
import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.PostgresServer;
import dev.pgrelocate.testing.PsqlRunner;
import dev.pgrelocate.testing.SchemaDumpComparison;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archive restores without pg_restore on a real server, against pg_restore -j 2 itself: the
 * Rails-like archive of {@code fixtures/archive-restore} (extensions, large objects, foreign keys,
 * a materialized view) restored serially and with two jobs.
 */
class ArchiveRestoreTest extends EmbeddedServerTest {
    private static final ScriptOptions SCRIPT = ScriptOptions.defaults();

    @BeforeAll
    static void role() throws Exception {
        server.createRoleIfMissing("app", "LOGIN");
    }

    @Test
    void serialAndParallelRestoresEqualPgRestoreWithTwoJobs() throws Exception {
        String reference = server.createDatabase("app");
        pgRestoreJobs2(reference);
        String serial = server.createDatabase("app");
        String parallel = server.createDatabase("app");
        RestoreSummary serialSummary;
        RestoreSummary parallelSummary;
        try (Archive archive = ArchiveReader.open(archive())) {
            serialSummary = ArchiveRestore.restore(archive, archive.entries(), target(serial), RestoreOptions.defaults(),
                    SCRIPT, 1);
            parallelSummary = ArchiveRestore.restore(archive, archive.entries(), target(parallel),
                    RestoreOptions.defaults(), SCRIPT, 2);
        }
        DatabaseSnapshot expected = DatabaseSnapshot.take(server, reference);
        assertEquals(expected, DatabaseSnapshot.take(server, serial));
        assertEquals(expected, DatabaseSnapshot.take(server, parallel));
        assertEquals("", SchemaDumpComparison.diff(server, reference, serial));
        assertEquals("", SchemaDumpComparison.diff(server, reference, parallel));
        assertEquals(sorted(serialSummary), sorted(parallelSummary));
        assertEquals(20000L, parallelSummary.rowCounts().get("app.big_events"));
        assertEquals(0, serialSummary.failures());
        assertEquals(0, parallelSummary.failures());
        assertEquals(largeObjects(reference), largeObjects(parallel));
    }

    @Test
    void aFailingEntryIsReportedWithItsDumpIdTypeAndName() throws Exception {
        String database = server.createDatabase("app");
        try (Archive archive = ArchiveReader.open(archive())) {
            List<TocEntry> entries = new ArrayList<>();
            for (TocEntry entry : archive.entries()) {
                boolean broken = entry.desc().equals("FK CONSTRAINT") && entry.tag().endsWith("event_links_to_fk");
                entries.add(broken ? entry.withDefn(entry.defn().replace("REFERENCES app.big_events",
                        "REFERENCES app.no_such_table")) : entry);
            }
            RestoreException e = assertThrows(RestoreException.class, () -> ArchiveRestore.restore(archive, entries,
                    target(database), RestoreOptions.defaults(), SCRIPT, 2));
            assertTrue(e.getMessage().matches("(?s).*TOC entry \\d+; FK CONSTRAINT app event_links event_links_to_fk\\].*"
                    + "relation \"app.no_such_table\" does not exist \\(SQLSTATE 42P01\\).*"), e.getMessage());
            String serialDatabase = server.createDatabase("app");
            RestoreException serial = assertThrows(RestoreException.class, () -> ArchiveRestore.restore(archive, entries,
                    target(serialDatabase), RestoreOptions.defaults(), SCRIPT, 1));
            assertTrue(serial.getMessage().matches("(?s).*SQLSTATE 42P01.*TOC entry \\d+; FK CONSTRAINT app event_links"
                    + " event_links_to_fk$"), serial.getMessage());
        }
    }

    @Test
    void continueOnErrorCollectsTheFailureAndRestoresTheRest() throws Exception {
        String database = server.createDatabase("app");
        try (Archive archive = ArchiveReader.open(archive())) {
            List<TocEntry> entries = archive.entries().stream().map(e -> e.desc().equals("INDEX")
                    && e.tag().equals("event_links_to_idx") ? e.withDefn("CREATE INDEX broken ON app.nothing (x);") : e)
                    .toList();
            RestoreSummary summary = ArchiveRestore.restore(archive, entries, target(database),
                    RestoreOptions.builder().continueOnError(true).build(), SCRIPT, 2);
            assertEquals(1, summary.failures());
            assertTrue(summary.errors().get(0).source().contains("; INDEX app event_links_to_idx]"));
            assertEquals(20000L, summary.rowCounts().get("app.big_events"));
        }
    }

    private static Map<String, Long> sorted(RestoreSummary summary) {
        return new java.util.TreeMap<>(summary.rowCounts());
    }

    private static String largeObjects(String database) throws Exception {
        try (var connection = server.connectAsSuperuser(database); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT string_agg(md5(lo_get(oid)) || ':' || lomowner::regrole,"
                        + " ',' ORDER BY oid) FROM pg_largeobject_metadata")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static TargetDatabase target(String database) {
        return TargetDatabase.of(server.jdbcUrl(database) + "?user=" + PostgresServer.SUPERUSER);
    }

    private static Path archive() throws Exception {
        URL url = ArchiveRestoreTest.class.getResource("/fixtures/archive-restore/rails_app.dump");
        return Path.of(url.toURI());
    }

    private static void pgRestoreJobs2(String database) throws Exception {
        PsqlRunner.PsqlResult restore = psql.pgRestore(PostgresServer.SUPERUSER,
                List.of("-j", "2", "--exit-on-error", "-d", database, archive().toString()));
        assertEquals(0, restore.exitCode(), restore::toString);
    }
}
