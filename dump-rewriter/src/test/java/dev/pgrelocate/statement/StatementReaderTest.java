package dev.pgrelocate.statement;

import dev.pgrelocate.support.SplitItem;
import dev.pgrelocate.support.ThrottledInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;

import static dev.pgrelocate.statement.StatementReader.Item.COPY_DATA;
import static dev.pgrelocate.statement.StatementReader.Item.META_COMMAND;
import static dev.pgrelocate.statement.StatementReader.Item.STATEMENT;
import static dev.pgrelocate.statement.StatementReader.Item.TRIVIA;
import static dev.pgrelocate.support.SplitItem.bytes;
import static dev.pgrelocate.support.SplitItem.mergeCopyData;
import static dev.pgrelocate.support.SplitItem.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Table-style splitting cases: an input and the exact items psql would see. Every case is also
 * replayed one byte per read and in random small chunks, which must give the same items, and the
 * items' bytes must always add up to the input.
 */
class StatementReaderTest {

    static SplitItem stmt(String text) {
        return SplitItem.of(STATEMENT, text);
    }

    static SplitItem trivia(String text) {
        return SplitItem.of(TRIVIA, text);
    }

    static SplitItem meta(String text) {
        return SplitItem.of(META_COMMAND, text);
    }

    static SplitItem data(String text) {
        return SplitItem.of(COPY_DATA, text);
    }

    private static Arguments split(String name, String input, SplitItem... expected) {
        return Arguments.of(name, input, List.of(expected));
    }

    static final String CREATE_RULE = """
            CREATE RULE r2 AS
                ON INSERT TO public.t DO ( INSERT INTO public.t_log (id, s)
              VALUES (new.id, 'a;b'::text);
             INSERT INTO public.t_log (id, s)
              VALUES (new.id, (new.s || ';'::text));
            );""";

    static final String BEGIN_ATOMIC = """
            CREATE FUNCTION public.f_atomic(x integer) RETURNS text
                LANGUAGE sql
                BEGIN ATOMIC
             SELECT
                     CASE
                         WHEN (x > 0) THEN 'pos;'::text
                         ELSE 'neg'::text
                     END AS "case";
             SELECT 'second'::text;
            END;""";

    static final String PROCEDURE_ATOMIC = """
            CREATE OR REPLACE PROCEDURE public.p_atomic(a integer)
                LANGUAGE sql
                BEGIN ATOMIC
             INSERT INTO public.t (id) VALUES (a);
             UPDATE public.t SET n = CASE WHEN (a > 1) THEN 1 ELSE 2 END;
            END;""";

    static Stream<Arguments> cases() {
        return Stream.of(
                split("empty input", ""),
                split("only whitespace and comments", " \n-- c;\n/* ; */\n",
                        trivia(" \n-- c;\n/* ; */\n")),
                split("semicolons inside quotes",
                        "SELECT 'a;b', \"c;d\", E'e\\';f', U&'g;h';\nSELECT 2;",
                        stmt("SELECT 'a;b', \"c;d\", E'e\\';f', U&'g;h';"), trivia("\n"), stmt("SELECT 2;")),
                split("semicolons inside dollar bodies",
                        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
                                + "DO $do$ BEGIN PERFORM 1; END $do$;\n",
                        stmt("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;"), trivia("\n"),
                        stmt("DO $do$ BEGIN PERFORM 1; END $do$;"), trivia("\n")),
                split("semicolons inside comments",
                        "SELECT 1 -- not; the end\n, 2 /* ; /* ; */ */;\n-- c;\n/* x; */ SELECT 3;",
                        stmt("SELECT 1 -- not; the end\n, 2 /* ; /* ; */ */;"), trivia("\n-- c;\n/* x; */ "),
                        stmt("SELECT 3;")),
                split("semicolons inside parentheses: multi-action CREATE RULE",
                        CREATE_RULE + "\n\nSELECT 1;\n",
                        stmt(CREATE_RULE), trivia("\n\n"), stmt("SELECT 1;"), trivia("\n")),
                split("BEGIN ATOMIC body with CASE ... END inside",
                        BEGIN_ATOMIC + "\n\nALTER FUNCTION public.f_atomic(x integer) OWNER TO app;\n",
                        stmt(BEGIN_ATOMIC), trivia("\n\n"),
                        stmt("ALTER FUNCTION public.f_atomic(x integer) OWNER TO app;"), trivia("\n")),
                split("CREATE OR REPLACE PROCEDURE ... BEGIN ATOMIC",
                        PROCEDURE_ATOMIC + "\nSELECT 1;",
                        stmt(PROCEDURE_ATOMIC), trivia("\n"), stmt("SELECT 1;")),
                split("BEGIN outside a routine definition is a transaction",
                        "BEGIN;\nSELECT 1;\nEND;\n",
                        stmt("BEGIN;"), trivia("\n"), stmt("SELECT 1;"), trivia("\n"), stmt("END;"), trivia("\n")),
                split("BEGIN inside parentheses of a routine does not nest",
                        "CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1;\nSELECT 2;",
                        stmt("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1;"), trivia("\n"),
                        stmt("SELECT 2;")),
                split("statement without final semicolon at end of input",
                        "SELECT 1;\nSELECT 2 -- trailing\n",
                        stmt("SELECT 1;"), trivia("\n"), stmt("SELECT 2"), trivia(" -- trailing\n")),
                split("meta-commands are their own items",
                        "\\restrict KEY123\n\nSET a = 1;\n\\unrestrict KEY123\n\\connect db\n\\restrict KEY123\n",
                        meta("\\restrict KEY123\n"), trivia("\n"), stmt("SET a = 1;"), trivia("\n"),
                        meta("\\unrestrict KEY123\n"), meta("\\connect db\n"), meta("\\restrict KEY123\n")),
                split("meta-command without line end at end of input",
                        "SELECT 1;\n\\unrestrict K",
                        stmt("SELECT 1;"), trivia("\n"), meta("\\unrestrict K")),
                split("COPY data that looks like SQL passes verbatim",
                        "COPY public.notes (id, body) FROM stdin;\n"
                                + "1\tWITH SCHEMA public;\n"
                                + "2\tCREATE SCHEMA x;\n"
                                + "3\t$$ $fn$ it's \"q\" /* -- \n"
                                + "4\tback\\\\slash\t\\N\n"
                                + "5\t\\\\.\n"
                                + "\\\\.\n"
                                + "\\.x\n"
                                + "\\restrict KEY\n"
                                + "\\.\n"
                                + "\nSELECT 1;\n",
                        stmt("COPY public.notes (id, body) FROM stdin;"), trivia("\n"),
                        data("1\tWITH SCHEMA public;\n"
                                + "2\tCREATE SCHEMA x;\n"
                                + "3\t$$ $fn$ it's \"q\" /* -- \n"
                                + "4\tback\\\\slash\t\\N\n"
                                + "5\t\\\\.\n"
                                + "\\\\.\n"
                                + "\\.x\n"
                                + "\\restrict KEY\n"
                                + "\\.\n"),
                        trivia("\n"), stmt("SELECT 1;"), trivia("\n")),
                split("COPY with no rows",
                        "COPY t (a) FROM stdin;\n\\.\n",
                        stmt("COPY t (a) FROM stdin;"), trivia("\n"), data("\\.\n")),
                split("COPY with trailing text on its line: the data starts on the next line",
                        "COPY t FROM STDIN WITH (FORMAT text);  -- rows follow\nx\n\\.\n",
                        stmt("COPY t FROM STDIN WITH (FORMAT text);"), trivia("  -- rows follow\n"),
                        data("x\n\\.\n")),
                split("COPY with CRLF line ends and a CRLF terminator",
                        "COPY t (a) FROM stdin;\r\na;b\r\n\\.\r\n\r\nSELECT 1;\r\n",
                        stmt("COPY t (a) FROM stdin;"), trivia("\r\n"), data("a;b\r\n\\.\r\n"),
                        trivia("\r\n"), stmt("SELECT 1;"), trivia("\r\n")),
                split("COPY terminator at end of input without line end",
                        "COPY t FROM stdin;\nx\n\\.",
                        stmt("COPY t FROM stdin;"), trivia("\n"), data("x\n\\.")),
                split("back-to-back COPY blocks",
                        "COPY a FROM stdin;\n1\n\\.\nCOPY b FROM stdin;\n2\n\\.\n",
                        stmt("COPY a FROM stdin;"), trivia("\n"), data("1\n\\.\n"),
                        stmt("COPY b FROM stdin;"), trivia("\n"), data("2\n\\.\n")),
                split("COPY ... TO stdout is not a data block",
                        "COPY t TO stdout;\n\\.\nSELECT 1;\n",
                        stmt("COPY t TO stdout;"), trivia("\n"), meta("\\.\n"), stmt("SELECT 1;"), trivia("\n")),
                split("COPY from a subquery reading FROM a table is not a data block",
                        "COPY (SELECT a FROM stdin_t) TO stdout;\nSELECT 1;",
                        stmt("COPY (SELECT a FROM stdin_t) TO stdout;"), trivia("\n"), stmt("SELECT 1;")),
                split("standard_conforming_strings off makes backslash escape the quote",
                        "SELECT 'a\\' AS x; -- ' ;\nSET standard_conforming_strings = off;\nSELECT 'a\\' AS x; -- ' ;\n",
                        stmt("SELECT 'a\\' AS x;"), trivia(" -- ' ;\n"),
                        stmt("SET standard_conforming_strings = off;"), trivia("\n"),
                        stmt("SELECT 'a\\' AS x; -- ' ;"), trivia("\n")),
                split("standard_conforming_strings back on",
                        "SET standard_conforming_strings = off;\nSELECT 'x\\'y';\n"
                                + "SET standard_conforming_strings TO on;\nSELECT 'z\\';\n",
                        stmt("SET standard_conforming_strings = off;"), trivia("\n"), stmt("SELECT 'x\\'y';"),
                        trivia("\n"), stmt("SET standard_conforming_strings TO on;"), trivia("\n"),
                        stmt("SELECT 'z\\';"), trivia("\n")),
                split("standard_conforming_strings spelled false",
                        "SET standard_conforming_strings = false;\nSELECT 'a\\' AS x; -- ' ;\n",
                        stmt("SET standard_conforming_strings = false;"), trivia("\n"),
                        stmt("SELECT 'a\\' AS x; -- ' ;"), trivia("\n")),
                split("RESET standard_conforming_strings turns backslashes ordinary again",
                        "SET standard_conforming_strings = off;\nRESET standard_conforming_strings;\n"
                                + "SELECT 'a\\' AS x; -- ' ;\n",
                        stmt("SET standard_conforming_strings = off;"), trivia("\n"),
                        stmt("RESET standard_conforming_strings;"), trivia("\n"),
                        stmt("SELECT 'a\\' AS x;"), trivia(" -- ' ;\n")),
                split("E strings take backslash escapes whatever the setting",
                        "SELECT E'a\\';b';\n",
                        stmt("SELECT E'a\\';b';"), trivia("\n")),
                split("dollar tag and dollar parameter",
                        "SELECT $1, foo$bar$;\nSELECT $q$;$q$;",
                        stmt("SELECT $1, foo$bar$;"), trivia("\n"), stmt("SELECT $q$;$q$;")),
                split("pitfall: closing tag right after identifier characters",
                        "CREATE FUNCTION f(text) RETURNS text AS $_$SELECT $1::text::public.citext$_$;\nSELECT 1;",
                        stmt("CREATE FUNCTION f(text) RETURNS text AS $_$SELECT $1::text::public.citext$_$;"),
                        trivia("\n"), stmt("SELECT 1;")),
                split("CRLF everywhere",
                        "-- c\r\nSET a = 1;\r\n\r\nINSERT INTO t VALUES ('x\r\ny');\r\n",
                        trivia("-- c\r\n"), stmt("SET a = 1;"), trivia("\r\n\r\n"),
                        stmt("INSERT INTO t VALUES ('x\r\ny');"), trivia("\r\n")),
                split("two statements on one line and an empty statement",
                        "SELECT 1;SELECT 2; ;\n",
                        stmt("SELECT 1;"), stmt("SELECT 2;"), trivia(" "), stmt(";"), trivia("\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsLikePsql(String name, String input, List<SplitItem> expected) {
        List<SplitItem> items = readAll(input);
        assertEquals(expected, mergeCopyData(items).stream().map(SplitItem::withoutPosition).toList());
        assertEquals(input, SplitItem.concat(items), "the items' bytes add up to the input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneBytePerReadGivesTheSameItems(String name, String input, List<SplitItem> expected) {
        List<SplitItem> whole = mergeCopyData(readAll(input));
        List<SplitItem> items = readAll(ThrottledInputStream.oneByteAtATime(bytes(input)));
        assertEquals(whole, mergeCopyData(items));
        assertEquals(input, SplitItem.concat(items));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void randomSmallChunksGiveTheSameItems(String name, String input, List<SplitItem> expected) {
        List<SplitItem> whole = mergeCopyData(readAll(input));
        for (long seed = 1; seed <= 20; seed++) {
            List<SplitItem> items = readAll(ThrottledInputStream.randomChunks(bytes(input), seed, 7));
            assertEquals(whole, mergeCopyData(items), "seed " + seed);
            assertEquals(input, SplitItem.concat(items));
        }
    }

    @Test
    void lineAndColumnOfEveryItemAfterCrlfAndCopyData() {
        String input = "SET a = 1;\r\n"                 // 1
                + "  SELECT 2;\r\n"                      // 2
                + "COPY t FROM stdin;\n"                 // 3
                + "x;\ty\n"                              // 4
                + "\\.\n"                                // 5
                + "SELECT 'a\nb';  SELECT 3;\n"          // 6, 7
                + "\\connect db\n"                       // 8
                + "\t/* c */ SELECT 4";                  // 9
        List<String> expected = List.of(
                "STATEMENT@1:1[SET a = 1;]",
                "TRIVIA@1:11[\\r\\n  ]",
                "STATEMENT@2:3[SELECT 2;]",
                "TRIVIA@2:12[\\r\\n]",
                "STATEMENT@3:1[COPY t FROM stdin;]",
                "TRIVIA@3:19[\\n]",
                "COPY_DATA@4:1[x;\\ty\\n\\.\\n]",
                "STATEMENT@6:1[SELECT 'a\\nb';]",
                "TRIVIA@7:4[  ]",
                "STATEMENT@7:6[SELECT 3;]",
                "TRIVIA@7:15[\\n]",
                "META_COMMAND@8:1[\\connect db\\n]",
                "TRIVIA@9:1[\\t/* c */ ]",
                "STATEMENT@9:10[SELECT 4]");
        assertEquals(expected, mergeCopyData(readAll(input)).stream().map(SplitItem::toString).toList());
        assertEquals(expected, mergeCopyData(readAll(ThrottledInputStream.oneByteAtATime(bytes(input))))
                .stream().map(SplitItem::toString).toList());
    }

    @Test
    void lineAfterManyCopyChunksStaysRight() {
        StringBuilder sb = new StringBuilder("COPY t FROM stdin;\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append("\tsome row text; CREATE SCHEMA x;\n");
        }
        sb.append("\\.\nSELECT 1;\n");
        List<SplitItem> items = readAll(sb.toString());
        SplitItem last = items.stream().filter(i -> i.kind() == STATEMENT).reduce((a, b) -> b).orElseThrow();
        assertEquals("SELECT 1;", last.text());
        assertEquals(50_003, last.line());
        assertEquals(1, last.column());
    }

    @Test
    void statementLongerThanTheBufferIsKeptWhole() {
        String body = "x;'$$\n".repeat(60_000); // 360 KB, more than the initial buffer
        String input = "SELECT 0;\nCREATE FUNCTION f() RETURNS text AS $body$" + body + "$body$;\nSELECT 2;\n";
        List<SplitItem> items = readAll(input);
        assertEquals("CREATE FUNCTION f() RETURNS text AS $body$" + body + "$body$;", items.get(2).text());
        assertEquals(2, items.get(2).line());
        assertEquals(60_003, items.get(4).line());
        assertEquals(items, readAll(ThrottledInputStream.randomChunks(bytes(input), 7, 4096)));
    }

    @Test
    void statementCarriesTheStandardConformingStringsItWasReadWith() {
        List<Statement> statements = new java.util.ArrayList<>();
        String input = "SET standard_conforming_strings = off;\nSELECT 'a\\'b' AS x;\n";
        try (StatementReader reader = new StatementReader(new ByteArrayInputStream(bytes(input)), "t.sql")) {
            while (reader.next() != StatementReader.Item.END) {
                if (reader.item() == STATEMENT) {
                    statements.add(reader.statement());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Statement select = statements.get(1);
        List<String> significant = select.tokens().stream().filter(t -> !t.kind().isTrivia()).map(select::text).toList();
        assertEquals(List.of("SELECT", "'a\\'b'", "AS", "x", ";"), significant);
    }
}
