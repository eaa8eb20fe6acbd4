package dev.pgrelocate;

import dev.pgrelocate.report.Change;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.StripRestrictRule;
import dev.pgrelocate.statement.StatementReader.Item;
import dev.pgrelocate.support.RewriteHarness;
import dev.pgrelocate.support.SplitItem;
import dev.pgrelocate.support.ThrottledInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.pgrelocate.support.SplitItem.bytes;
import static dev.pgrelocate.support.SplitItem.mergeCopyData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties over scripts generated from a grammar of dump snippets: the statements the rules
 * edit (CREATE SCHEMA/EXTENSION, DROP SCHEMA, schema privileges, SET search_path), other
 * statements full of quotes, dollar bodies, comments and parentheses, COPY blocks whose rows look
 * like SQL or like terminators, and meta-commands; joined by random whitespace and comments, with
 * LF or CRLF line ends. Scripts are bytes in the ISO-8859-1 domain (one char per byte).
 */
class RewriteProperties {

    /** A generated script and the options to rewrite it with. */
    record Script(String text, RewriteOptions options) {
        @Override
        public String toString() {
            return options + "\n" + text.replace("\r", "\\r");
        }
    }

    // ------------------------------------------------------------ properties

    @Property(tries = 100)
    void rewritingTwiceEqualsRewritingOnce(@ForAll("scripts") Script s) {
        Result once = rewrite(s.text(), s.options());
        Statistics.collect(once.report().changes().isEmpty() ? "nothing to change" : "changed");
        Result twice = rewrite(once.text(), s.options());
        assertEquals(once.text(), twice.text());
        assertEquals(List.of(), RewriteHarness.summary(twice.report()), "the second pass reports nothing");
    }

    /**
     * Every input line outside the statements a change mentions comes out unchanged and in order.
     * A dropped statement takes its line end along, so the line after it (after any stripped
     * meta-command lines right there) may gain the dropped line's indentation: it counts as touched.
     */
    @Property(tries = 100)
    void linesNoChangeMentionsAreKeptInOrder(@ForAll("scripts") Script s) {
        Result r = rewrite(s.text(), s.options());
        List<SplitItem> statements = SplitItem.readAll(bytes(s.text())).stream()
                .filter(i -> i.kind() == Item.STATEMENT).toList();
        Set<Long> stripped = r.report().changes().stream().filter(c -> c.rule().equals(StripRestrictRule.ID))
                .map(Change::line).collect(Collectors.toSet());
        Set<Long> touched = new HashSet<>(stripped);
        for (Change c : r.report().changes()) {
            touched.add(c.line());
            if (stripped.contains(c.line())) {
                continue;
            }
            for (SplitItem st : statements) {
                long last = st.line() + st.text().chars().filter(ch -> ch == '\n').count();
                if (st.line() <= c.line() && c.line() <= last) {
                    long l = st.line();
                    for (; l <= last + 1; l++) {
                        touched.add(l);
                    }
                    for (l--; stripped.contains(l); l++) {
                        touched.add(l + 1);
                    }
                }
            }
        }
        String[] in = s.text().split("\n", -1);
        String[] out = r.text().split("\n", -1);
        int j = 0;
        for (int i = 0; i < in.length; i++) {
            if (touched.contains((long) i + 1)) {
                continue;
            }
            while (j < out.length && !out[j].equals(in[i])) {
                j++;
            }
            if (j == out.length) {
                fail("input line " + (i + 1) + " is not in the output (in order): " + in[i].replace("\r", "\\r")
                        + "\ntouched lines: " + touched + "\noutput:\n" + r.text().replace("\r", "\\r"));
            }
            j++;
        }
    }

    /** Found by the property above: the dropped line's indentation lands on the line after the stripped one. */
    @Example
    void droppedStatementFollowedByAStrippedMetaCommand() {
        RewriteOptions options = RewriteOptions.builder().preset(Preset.HEROKU_EXIT).stripRestrict(true).build();
        linesNoChangeMentionsAreKeptInOrder(new Script(" DROP SCHEMA public;\n\\restrict KEY\n", options));
    }

    @Property(tries = 100)
    void copyDataBytesAreIdentical(@ForAll("scripts") Script s) {
        Result r = rewrite(s.text(), s.options());
        assertEquals(SplitItem.copyData(SplitItem.readAll(bytes(s.text()))),
                SplitItem.copyData(SplitItem.readAll(bytes(r.text()))));
    }

    @Property(tries = 200)
    void oneByteReadsSplitLikeBigReads(@ForAll("scripts") Script s) {
        byte[] b = bytes(s.text());
        List<SplitItem> big = mergeCopyData(SplitItem.readAll(b));
        assertEquals(big, mergeCopyData(SplitItem.readAll(ThrottledInputStream.oneByteAtATime(b))));
        assertEquals(big, mergeCopyData(SplitItem.readAll(ThrottledInputStream.randomChunks(b, s.text().length(), 9))));
        assertEquals(s.text(), SplitItem.concat(big));
    }

    // ------------------------------------------------------------ the grammar

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<RewriteOptions> options = Combinators.combine(Arbitraries.of(Preset.values()), Arbitraries.of(false, true))
                .as((preset, strip) -> RewriteOptions.builder().preset(preset).stripRestrict(strip).build());
        return Arbitraries.of("\n", "\r\n").flatMap(eol -> Combinators.combine(
                        Combinators.combine(separator(eol), piece(eol)).as((sep, p) -> sep + p).list().ofMinSize(2).ofMaxSize(14),
                        separator(eol),
                        Arbitraries.of("", "", "SELECT 'no semicolon at the end'"),
                        options)
                .as((pieces, last, unterminatedTail, o) -> new Script(String.join("", pieces) + last + unterminatedTail, o)));
    }

    private Arbitrary<String> piece(String eol) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, createSchema()),
                Tuple.of(4, createExtension()),
                Tuple.of(2, dropSchema()),
                Tuple.of(3, schemaPrivileges()),
                Tuple.of(3, searchPath()),
                Tuple.of(5, otherStatement(eol)),
                Tuple.of(2, copyBlock(eol)),
                Tuple.of(2, metaCommand(eol)));
    }

    private static Arbitrary<String> schemaName() {
        return Arbitraries.of("public", "heroku_ext", "extensions", "app", "\"App Schema\"", "postgis", "\"heroku_ext\"",
                "HEROKU_EXT", "pg_catalog");
    }

    private static Arbitrary<String> createSchema() {
        return Combinators.combine(Arbitraries.of("CREATE SCHEMA ", "create schema ", "CREATE SCHEMA IF NOT EXISTS "),
                        schemaName(),
                        Arbitraries.of("", " AUTHORIZATION app", " CREATE TABLE t (a int)"))
                .as((head, name, tail) -> head + name + tail + ";")
                .edgeCases(e -> e.add("CREATE SCHEMA AUTHORIZATION heroku_ext;"));
    }

    private static Arbitrary<String> createExtension() {
        Arbitrary<String> ext = Arbitraries.of("citext", "hstore", "\"uuid-ossp\"", "plpgsql", "postgis", "postgis_topology",
                "pg_trgm");
        Arbitrary<String> clause = schemaName().flatMap(s -> Arbitraries.of("", " WITH SCHEMA " + s, " SCHEMA " + s,
                " WITH VERSION '1.0'", " VERSION '1.0'", " WITH SCHEMA " + s + " CASCADE", " CASCADE",
                "\n    WITH SCHEMA " + s + " /* c */"));
        return Combinators.combine(Arbitraries.of("CREATE EXTENSION ", "CREATE EXTENSION IF NOT EXISTS ",
                        "create extension if not exists "), ext, clause)
                .as((head, name, c) -> head + name + c + ";");
    }

    private static Arbitrary<String> schemaList() {
        return Arbitraries.of("heroku_ext", "app", "extensions", "public", "b").list().uniqueElements()
                .ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
    }

    private static Arbitrary<String> dropSchema() {
        return Combinators.combine(Arbitraries.of("DROP SCHEMA ", "DROP SCHEMA IF EXISTS "), schemaList(),
                        Arbitraries.of("", " CASCADE", " RESTRICT"))
                .as((head, list, tail) -> head + list + tail + ";");
    }

    private static Arbitrary<String> schemaPrivileges() {
        return Arbitraries.oneOf(
                schemaName().map(s -> "ALTER SCHEMA " + s + " OWNER TO app;"),
                schemaName().map(s -> "COMMENT ON SCHEMA " + s + " IS 'schema; comment';"),
                schemaList().map(l -> "GRANT USAGE ON SCHEMA " + l + " TO reader;"),
                schemaList().map(l -> "REVOKE ALL ON SCHEMA " + l + " FROM PUBLIC;"),
                Arbitraries.of("GRANT SELECT ON ALL TABLES IN SCHEMA heroku_ext TO reader;"));
    }

    private static Arbitrary<String> searchPath() {
        Arbitrary<String> list = Arbitraries.of("\"$user\"", "public", "heroku_ext", "'public'", "'heroku_ext'", "app",
                "pg_catalog", "extensions", "''").list().uniqueElements().ofMinSize(1).ofMaxSize(4)
                .map(l -> String.join(", ", l));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("SET search_path TO ", "SET search_path = ", "SET LOCAL search_path TO "),
                        list).as((head, l) -> head + l + ";"),
                Arbitraries.of("SET search_path TO DEFAULT;", "SELECT pg_catalog.set_config('search_path', '', false);",
                        "SET standard_conforming_strings = on;", "SET client_encoding = 'UTF8';"));
    }

    private static Arbitrary<String> text(String eol) {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab ;'\"$-/*\\\t(),\u00e9").ofMaxLength(12),
                Arbitraries.of("WITH SCHEMA public;", "CREATE SCHEMA x;", "$$", "$fn$", "--", "/*", "*/", "\\.", eol,
                        "CREATE EXTENSION citext;", "SET search_path TO public;", "BEGIN", "END", "CASE"))
                .list().ofMaxSize(4).map(l -> String.join("", l));
    }

    private static Arbitrary<String> expression(String eol) {
        Arbitrary<String> string = text(eol).map(t -> "'" + t.replace("'", "''") + "'");
        Arbitrary<String> escapeString = text(eol).map(t -> "E'" + t.replace("\\", "\\\\").replace("'", "\\'") + "'");
        Arbitrary<String> quotedIdentifier = text(eol).map(t -> "\"" + t.replace("\"", "\"\"") + "\"");
        Arbitrary<String> dollar = Combinators.combine(Arbitraries.of("", "_", "fn", "q1"), text(eol))
                .as((tag, body) -> {
                    String delimiter = "$" + tag + "$";
                    return (body + delimiter).indexOf(delimiter) == body.length() ? delimiter + body + delimiter : "$$x$$";
                });
        Arbitrary<String> simple = Arbitraries.of("1", "1.5e-3", ".5", "$1", "x::text", "public.citext", "foo$bar$",
                "a -- c;'" + eol, "/* c; /* n */ */ b", "U&'\\0041'", "B'1'");
        Arbitrary<String> atom = Arbitraries.oneOf(string, escapeString, quotedIdentifier, dollar, simple);
        return Arbitraries.oneOf(atom, atom.map(a -> "(" + a + ")"), atom.map(a -> "((" + a + "), 1)"));
    }

    private static Arbitrary<String> otherStatement(String eol) {
        Arbitrary<String> exprs = expression(eol).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(", ", l));
        return Arbitraries.oneOf(
                exprs.map(e -> "SELECT " + e + ";"),
                exprs.map(e -> "INSERT INTO t VALUES (" + e + ");"),
                expression(eol).map(e -> "COMMENT ON TABLE t IS " + e + ";"),
                expression(eol).map(e -> "CREATE FUNCTION f() RETURNS int" + eol + "    LANGUAGE sql" + eol
                        + "    BEGIN ATOMIC" + eol + " SELECT CASE WHEN true THEN " + e + " END;" + eol
                        + " SELECT 1;" + eol + "END;"),
                expression(eol).map(e -> "CREATE RULE r AS ON INSERT TO t DO ( INSERT INTO l VALUES (" + e + ");"
                        + eol + " INSERT INTO l VALUES (';');" + eol + ");"));
    }

    private static Arbitrary<String> copyBlock(String eol) {
        Arbitrary<String> row = Arbitraries.oneOf(
                        Arbitraries.strings().withChars("ab ;'\"$-/*\\.\t").ofMaxLength(10),
                        Arbitraries.of("WITH SCHEMA public;", "CREATE SCHEMA x;", "\\\\.", "\\.x", "x\\.", "\\.\\.",
                                "\\restrict K", "\\connect db", "COPY t FROM stdin;", "$$", "' unbalanced", "/* open",
                                "-- dash", "\\N", "1\tDROP SCHEMA heroku_ext;"))
                .filter(line -> !line.equals("\\."));
        return Combinators.combine(Arbitraries.of("COPY public.t (a, b) FROM stdin;", "copy t from STDIN;"),
                        Arbitraries.of("", " ", " -- rows"),
                        row.list().ofMaxSize(5))
                .as((copy, rest, rows) -> copy + rest + eol
                        + rows.stream().map(r -> r + eol).collect(Collectors.joining()) + "\\." + eol);
    }

    private static Arbitrary<String> metaCommand(String eol) {
        return Arbitraries.of("\\restrict KEY", "\\unrestrict KEY", "\\connect db", "\\restrict\tKEY2")
                .map(m -> eol + m + eol);
    }

    private static Arbitrary<String> separator(String eol) {
        return Arbitraries.of("", " ", eol, eol + eol, " -- note; 'x" + eol, "/* c; */", eol + "--" + eol + "-- Name: x" + eol
                + "--" + eol + eol, "\t" + eol + "  ");
    }

    // ------------------------------------------------------------ rewriting bytes

    record Result(String text, RewriteReport report) {
    }

    private static Result rewrite(String iso, RewriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RewriteReport report = new Rewriter(options).rewrite(
                    new ByteArrayInputStream(iso.getBytes(StandardCharsets.ISO_8859_1)), out, "gen.sql");
            return new Result(out.toString(StandardCharsets.ISO_8859_1), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
