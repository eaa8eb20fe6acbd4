package dev.pgrelocate.statement;

import dev.pgrelocate.PgRelocateException;
import dev.pgrelocate.Preset;
import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.Rewriter;
import dev.pgrelocate.report.Diagnostic;
import dev.pgrelocate.support.SplitItem;
import dev.pgrelocate.support.ThrottledInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import static dev.pgrelocate.support.SplitItem.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input psql could not run. An unterminated construct is reported at the line and column where it
 * opened (not where the input ended), with a hint; a client-only encoding is refused at its SET.
 */
class BadInputTest {

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("quoted string", "SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", 2, 8,
                        "unterminated quoted string (reached end of input)"),
                Arguments.of("quoted identifier", "SELECT \"abc;\n", 1, 8,
                        "unterminated quoted identifier (reached end of input)"),
                Arguments.of("dollar quote", "SELECT 1;\r\nCREATE FUNCTION f() RETURNS int AS $fn$\nBEGIN\n  RETURN 1;\nEND\n", 2, 36,
                        "unterminated dollar-quoted string $fn$ (reached end of input)"),
                Arguments.of("dollar quote closed with another case", "SELECT $fn$ x $FN$;\n", 1, 8,
                        "unterminated dollar-quoted string $fn$ (reached end of input)"),
                Arguments.of("block comment between statements", "SELECT 1;\n\n  /* a /* b */ c\n", 3, 3,
                        "unterminated block comment /* (reached end of input)"),
                Arguments.of("block comment inside a statement", "SELECT 1 /* a\n;\n", 1, 10,
                        "unterminated block comment /* (reached end of input)"),
                Arguments.of("escape string", "SELECT 1;\nSELECT E'it\\';\n", 2, 8,
                        "unterminated escape string E'...' (reached end of input)"),
                Arguments.of("string after COPY data", "COPY t FROM stdin;\nx\n\\.\nSELECT 'open", 4, 8,
                        "unterminated quoted string (reached end of input)"),
                Arguments.of("COPY block without terminator", "SELECT 1;\nCOPY public.t (a) FROM stdin;\n1\n2\n", 2, 1,
                        "unterminated COPY data (reached end of input before the \\. line)"),
                Arguments.of("COPY block ending in a line that only starts like a terminator",
                        "  COPY t FROM stdin;\n\\.x\n\\\\.\n", 1, 3,
                        "unterminated COPY data (reached end of input before the \\. line)"),
                Arguments.of("COPY block ending without line end", "COPY t FROM stdin;\n1\t2", 1, 1,
                        "unterminated COPY data (reached end of input before the \\. line)"),
                Arguments.of("COPY statement is the last line", "COPY t FROM stdin;", 1, 1,
                        "unterminated COPY data (reached end of input before the \\. line)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void unterminatedConstructIsReportedWhereItOpened(String name, String input, long line, long column, String message) {
        Diagnostic d = failure(new ByteArrayInputStream(bytes(input)));
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals("t.sql", d.source());
        assertEquals(line, d.line(), "line");
        assertEquals(column, d.column(), "column");
        assertEquals(message, d.message());
        assertNotNull(d.hint());
        assertTrue(d.hint().contains("truncated"), d.hint());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void sameDiagnosticWhenReadOneByteAtATime(String name, String input, long line, long column, String message) {
        assertEquals(failure(new ByteArrayInputStream(bytes(input))),
                failure(ThrottledInputStream.oneByteAtATime(bytes(input))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void rewriterFailsWithTheSameDiagnosticAndExitCode(String name, String input, long line, long column, String message) {
        Rewriter rewriter = new Rewriter(RewriteOptions.of(Preset.HEROKU));
        DumpSyntaxException e = assertThrows(DumpSyntaxException.class, () -> rewriter.rewriteSql(input, "t.sql"));
        assertEquals(line, e.diagnostic().line());
        assertEquals(column, e.diagnostic().column());
        assertEquals(PgRelocateException.EXIT_BAD_INPUT, e.exitCode());
    }

    @Test
    void renderedMessageNamesSourceLineColumnAndHint() {
        String input = "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1;\n";
        DumpSyntaxException e = assertThrows(DumpSyntaxException.class,
                () -> new Rewriter(RewriteOptions.of(Preset.HEROKU)).rewriteSql(input, "structure.sql"));
        String[] lines = e.getMessage().split("\\R");
        assertEquals("structure.sql:2:36: error: unterminated dollar-quoted string $fn$ (reached end of input)", lines[0]);
        assertEquals("  hint: close the dollar-quoted string $fn$, or check that the file is not truncated", lines[1]);
    }

    // ------------------------------------------------------------ client encodings

    @ParameterizedTest
    @ValueSource(strings = {"SJIS", "BIG5", "GBK", "UHC", "GB18030", "Shift_JIS", "sjis", "WIN932", "JOHAB"})
    void clientOnlyEncodingIsRefusedAtItsSetStatement(String encoding) {
        String input = "SET statement_timeout = 0;\nSET lock_timeout = 0;\n  SET client_encoding = '" + encoding + "';\n"
                + "SELECT '\u0083\\';\n";
        Diagnostic d = failure(new ByteArrayInputStream(bytes(input)));
        assertEquals(3, d.line());
        assertEquals(3, d.column());
        assertTrue(d.message().startsWith("client encoding " + encoding.toUpperCase(java.util.Locale.ROOT)
                + " is not supported"), d.message());
        assertTrue(d.hint().contains("pg_dump -E UTF8"), d.hint());
    }

    @Test
    void clientOnlyEncodingAsBareWordIsRefused() {
        Diagnostic d = failure(new ByteArrayInputStream(bytes("SET client_encoding TO sjis;\n")));
        assertEquals(1, d.line());
        assertTrue(d.message().startsWith("client encoding SJIS is not supported"), d.message());
    }

    @Test
    void setNamesIsTheSameAsSettingClientEncoding() {
        Diagnostic d = failure(new ByteArrayInputStream(bytes("SELECT 1;\nSET NAMES 'SJIS';\n")));
        assertEquals(2, d.line());
        assertEquals(1, d.column());
        assertTrue(d.message().startsWith("client encoding SJIS is not supported"), d.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF8", "LATIN1", "EUC_JP", "utf-8", "SQL_ASCII", "WIN1252"})
    void serverEncodingsAreAccepted(String encoding) {
        String input = "SET client_encoding = '" + encoding + "';\nSELECT 'caf\u00e9';\n";
        assertDoesNotThrow(() -> SplitItem.readAll(input));
    }

    private static Diagnostic failure(InputStream in) {
        DumpSyntaxException e = assertThrows(DumpSyntaxException.class, () -> drain(in));
        return e.diagnostic();
    }

    private static void drain(InputStream in) throws IOException {
        try (StatementReader reader = new StatementReader(in, "t.sql")) {
            while (reader.next() != StatementReader.Item.END) {
                // read on
            }
        }
    }
}
