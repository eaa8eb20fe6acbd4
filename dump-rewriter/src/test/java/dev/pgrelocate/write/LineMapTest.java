package dev.pgrelocate.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.rule.DumpDefinitions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output lines of a rewrite map back to the lines of its input, across inserted and dropped lines. */
class LineMapTest {

    @Test
    void emptyMapIsTheIdentity() {
        assertEquals(42, new LineMap().inputLine(42));
    }

    @Test
    void everyStatementOfTheOutputMapsToItsInputLine() throws Exception {
        String input = String.join("\n",
                "SET client_encoding = 'UTF8';",                                 // 1
                "DROP SCHEMA IF EXISTS heroku_ext;",                             // 2 dropped with its line end
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;",     // 3 gains two lines before it
                "COMMENT ON EXTENSION plpgsql IS 'x';",                          // 4 dropped (heroku)
                "CREATE TABLE t (",                                              // 5
                "    a heroku_ext.citext",                                      // 6
                ");",                                                            // 7
                "\\restrict KEY",                                                // 8 dropped (strip-restrict)
                "SELECT 1;",                                                     // 9
                "");
        LineMap lines = new LineMap();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Rewriter(RewriteOptions.builder().stripRestrict(true).build()).rewrite(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, "t.sql", new DumpDefinitions(), lines);

        List<String> output = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "SET client_encoding = 'UTF8';",
                "CREATE SCHEMA IF NOT EXISTS heroku_ext;",
                "",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA heroku_ext;",
                "CREATE TABLE t (",
                "    a heroku_ext.citext",
                ");",
                "SELECT 1;"), output);
        assertEquals(1, lines.inputLine(1));
        assertEquals(3, lines.inputLine(4), "CREATE EXTENSION, after the inserted lines");
        assertEquals(5, lines.inputLine(5), "CREATE TABLE, after the dropped COMMENT");
        assertEquals(7, lines.inputLine(7));
        assertEquals(9, lines.inputLine(8), "SELECT 1, after the dropped \\restrict line");
    }
}
