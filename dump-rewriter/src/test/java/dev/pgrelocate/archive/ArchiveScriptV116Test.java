package dev.pgrelocate.archive;

import static dev.pgrelocate.archive.PgRestoreScript.archiveScript;
import static dev.pgrelocate.archive.PgRestoreScript.fixture;
import static dev.pgrelocate.archive.PgRestoreScript.text;
import static dev.pgrelocate.archive.PgRestoreScript.assertSameText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pg_dump 18 archives (format 1.16), which the machine's pg_restore 15 refuses to read. The
 * reference is pg_dump 18's plain dump of the same database, which is what pg_restore 18 prints,
 * less the two things pg_restore 17+ does differently from the pg_restore 15 that ArchiveScript
 * follows: it sets transaction_timeout, and names views and sequences in ALTER ... OWNER TO with
 * their own keyword instead of ALTER TABLE. Large objects (BLOB METADATA, grouped BLOBS) and
 * relkind are exercised here.
 */
class ArchiveScriptV116Test {
    private static final String KEY = "K";

    @ParameterizedTest
    @ValueSource(strings = {"pg18_v1.16_gzip.dump", "pg18_v1.16_lz4.dump", "pg18_v1.16_zstd.dump",
        "pg18_v1.16_none.dump", "pg18_v1.16_dir_lz4"})
    void sameScriptAsPgDump18PlainLessVersionDifferences(String name) throws Exception {
        String actual = text(archiveScript(fixture("archive/pgdump/" + name), ScriptOptions.defaults().withRestrictKey(KEY)));
        assertSameText(asPgRestore15WouldPrint(plainDump18()), actual);
    }

    /**
     * With {@code --statistics} pg_dump 18 also orders the post-data entries differently, so only
     * the lines are compared; the statistics of post-data objects come last (after the privileges).
     */
    @Test
    void statisticsEntriesComeOnTopOfTheSameScript() throws Exception {
        String withStats = text(archiveScript(fixture("archive/pgdump/pg18_v1.16_gzip_with_stats.dump"),
                ScriptOptions.defaults().withRestrictKey(KEY)));
        String statistics = "(?s)--\n-- Name: [^\n]*; Type: STATISTICS DATA;[^\n]*\n--\n\n.*?(?=--\n-- (?:Name|PostgreSQL))";
        assertEquals(18, withStats.split("; Type: STATISTICS DATA;", -1).length - 1);
        assertEquals(sortedLines(asPgRestore15WouldPrint(plainDump18())), sortedLines(withStats.replaceAll(statistics, "")));
        int lastAcl = withStats.lastIndexOf("; Type: ACL;");
        int indexStatistics = withStats.indexOf("-- Name: users_tags; Type: STATISTICS DATA;");
        int tableStatistics = withStats.indexOf("-- Name: users; Type: STATISTICS DATA;");
        assertTrue(tableStatistics < lastAcl && lastAcl < indexStatistics, "post-data statistics after the ACLs");
    }

    private static java.util.List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }

    private static String plainDump18() throws Exception {
        return Files.readString(fixture("archive/pgdump/pg18_plain.sql"), StandardCharsets.UTF_8);
    }

    private static String asPgRestore15WouldPrint(String plain18) {
        return plain18.replaceAll("(?m)^\\\\(un)?restrict \\w+$", "\\\\$1restrict " + KEY)
                .replace("SET transaction_timeout = 0;\n", "")
                .replaceAll("(?m)^ALTER (?:SEQUENCE|VIEW|MATERIALIZED VIEW) (\\S+ OWNER TO )", "ALTER TABLE $1");
    }
}
