package dev.pgrelocate.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.testing.EmbeddedServerTest;
import dev.pgrelocate.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archives changed and written by {@link ArchiveWriter} are accepted by the real pg_restore 15:
 * listed with -l, restored in parallel (custom, directory) or serially (tar) into an embedded
 * PostgreSQL 15 with the source's rows and large object, the changes in place.
 */
class ArchiveRestoreTest extends EmbeddedServerTest {

    /** Override with {@code -Dpgrelocate.test.pg_restore=/path/to/pg_restore}. */
    private static final Path PG_RESTORE = Path.of(System.getProperty("pgrelocate.test.pg_restore",
            "/usr/bin/pg_restore"));

    /** Rows of rails_archive.sql: users, posts, schema_migrations, large objects. */
    private static final String SOURCE_COUNTS = "50|2000|3|1";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} written as {1}, pg_restore {2}")
    @CsvSource({
        "rails_archive.custom.dump,           changed.dump, -j 2",
        "rails_archive.custom_nooffsets.dump, changed.dump, -j 2",
        "rails_archive.custom_z0.dump,        changed.dump, serial",
        "rails_archive.dir,                   changed.dir,  -j 2",
        "rails_archive.tar,                   changed.tar,  serial",
    })
    void changedArchiveRestoresWithPgRestore(String fixture, String outName, String mode) throws Exception {
        Path out = work.resolve(outName);
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.own(fixture))) {
            ArchiveWriter.write(archive, change(archive), out);
        }

        Result list = pgRestore(List.of("-l", out.toString()));
        assertEquals(0, list.exit(), list::toString);
        assertTrue(list.stdout().contains(" SCHEMA - extra_schema postgres\n"), list.stdout());

        String database = server.createDatabase(PostgresServer.SUPERUSER);
        List<String> args = new ArrayList<>(List.of("--exit-on-error", "-d", database));
        if (!mode.equals("serial")) {
            args.addAll(List.of(mode.split(" ")));
        }
        args.add(out.toString());
        Result restore = pgRestore(args);
        assertEquals(0, restore.exit(), restore::toString);
        assertEquals("", restore.stderr(), restore::toString);

        assertEquals(SOURCE_COUNTS, query(database, "SELECT (SELECT count(*) FROM app.users) || '|' ||"
                + " (SELECT count(*) FROM app.posts) || '|' || (SELECT count(*) FROM public.schema_migrations)"
                + " || '|' || (SELECT count(*) FROM pg_largeobject_metadata)"));
        assertEquals("Post 1999 with a tab\there", query(database, "SELECT title FROM app.posts WHERE id = 1999"));
        assertEquals("large object of rails_archive",
                query(database, "SELECT convert_from(lo_get(424250), 'UTF8')"));
        assertEquals("1", query(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'extra_schema'"));
        assertEquals("changed by ArchiveRestoreTest", query(database, "SELECT obj_description('app.users'::regclass)"));
        assertEquals("user1@example.com", query(database, "SELECT app.normalize_email(' User1@Example.com ')::text"));
    }

    /** The schema's defn starts with a comment, so pg_restore --no-owner keeps IF NOT EXISTS. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"rails_archive.custom.dump, changed.dump", "rails_archive.dir, changed.dir"})
    void rewrittenCreateSchemaSurvivesNoOwnerIntoAnExistingSchema(String fixture, String outName) throws Exception {
        Path out = work.resolve(outName);
        try (Archive archive = ArchiveReader.open(ArchiveFixtures.own(fixture))) {
            ArchiveWriter.write(archive, change(archive), out);
        }
        String database = server.createDatabase(PostgresServer.SUPERUSER);
        server.execute(database, PostgresServer.SUPERUSER, "CREATE SCHEMA app");
        Result restore = pgRestore(List.of("--exit-on-error", "--no-owner", "-j", "2", "-d", database,
                out.toString()));
        assertEquals(0, restore.exit(), restore::toString);
        assertEquals("2000", query(database, "SELECT count(*) FROM app.posts"));
    }

    /**
     * The changes: schema app's defn made longer (IF NOT EXISTS behind a comment line), the table
     * comment replaced, and a new SCHEMA entry inserted after schema app.
     */
    private static List<TocEntry> change(Archive archive) {
        int maxId = archive.entries().stream().mapToInt(TocEntry::dumpId).max().orElseThrow();
        List<TocEntry> entries = new ArrayList<>();
        for (TocEntry e : archive.entries()) {
            if (e.desc().equals("SCHEMA") && e.tag().equals("app")) {
                assertEquals("CREATE SCHEMA app;\n", e.defn());
                entries.add(e.withDefn("-- rewritten by ArchiveRestoreTest\nCREATE SCHEMA IF NOT EXISTS app;\n"));
                TocEntry.Builder extra = TocEntry.builder().dumpId(maxId + 1).tableoid("2615").oid("0")
                        .tag("extra_schema").desc("SCHEMA").section(TocEntry.SECTION_PRE_DATA)
                        .defn("CREATE SCHEMA extra_schema;\n").dropStmt("DROP SCHEMA extra_schema;\n")
                        .owner("postgres").withOids("false");
                entries.add(archive.format() == DumpFormat.CUSTOM ? extra.dataOffset(DataOffset.noData()).build()
                        : extra.fileName("").build());
            } else if (e.desc().equals("COMMENT") && e.tag().equals("TABLE users")) {
                entries.add(e.withDefn("COMMENT ON TABLE app.users IS 'changed by ArchiveRestoreTest';\n"));
            } else {
                entries.add(e);
            }
        }
        assertEquals(archive.entries().size() + 1, entries.size());
        return entries;
    }

    private static String query(String database, String sql) throws SQLException {
        try (Connection c = server.connectAsSuperuser(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "pg_restore exit " + exit + "\n--- stderr ---\n" + stderr;
        }
    }

    private Result pgRestore(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PG_RESTORE.toString(), "-h", PostgresServer.HOST, "-p",
                Integer.toString(server.port()), "-U", PostgresServer.SUPERUSER));
        command.addAll(args);
        Path stdout = Files.createTempFile(work, "pg_restore", ".out");
        Path stderr = Files.createTempFile(work, "pg_restore", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("pg_restore did not finish: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }
}
