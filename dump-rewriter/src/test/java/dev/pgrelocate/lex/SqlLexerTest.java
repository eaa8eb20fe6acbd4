package dev.pgrelocate.lex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.pgrelocate.lex.TokenKind.BACKSLASH;
import static dev.pgrelocate.lex.TokenKind.BLOCK_COMMENT;
import static dev.pgrelocate.lex.TokenKind.COMMA;
import static dev.pgrelocate.lex.TokenKind.DOLLAR_STRING;
import static dev.pgrelocate.lex.TokenKind.DOT;
import static dev.pgrelocate.lex.TokenKind.IDENTIFIER;
import static dev.pgrelocate.lex.TokenKind.LEFT_PAREN;
import static dev.pgrelocate.lex.TokenKind.LINE_COMMENT;
import static dev.pgrelocate.lex.TokenKind.NUMBER;
import static dev.pgrelocate.lex.TokenKind.OPERATOR;
import static dev.pgrelocate.lex.TokenKind.OTHER;
import static dev.pgrelocate.lex.TokenKind.PARAMETER;
import static dev.pgrelocate.lex.TokenKind.QUOTED_IDENTIFIER;
import static dev.pgrelocate.lex.TokenKind.RIGHT_PAREN;
import static dev.pgrelocate.lex.TokenKind.SEMICOLON;
import static dev.pgrelocate.lex.TokenKind.STRING;
import static dev.pgrelocate.lex.TokenKind.WHITESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One lexical corner per test, as the (kind, text) sequence the lexer must produce. Every case is
 * also replayed through {@link #assertNeedMoreContract}: lexing any prefix of the input with
 * {@code eof == false} must either ask for more input or give exactly the token the whole input
 * gives, never a shorter or different one.
 */
class SqlLexerTest {

    record Tok(TokenKind kind, String text) {
        @Override
        public String toString() {
            return kind + "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]";
        }
    }

    static Tok tok(TokenKind kind, String text) {
        return new Tok(kind, text);
    }

    // ------------------------------------------------------------ standard strings

    @Test
    void standardStringWithDoubledQuote() {
        assertTokens("'it''s'", tok(STRING, "'it''s'"));
    }

    @Test
    void standardStringKeepsSemicolonsDashesAndNewlines() {
        assertTokens("'a; -- b\n/* c'", tok(STRING, "'a; -- b\n/* c'"));
    }

    @Test
    void backslashIsOrdinaryInStandardStrings() {
        assertTokens("'a\\' ;", tok(STRING, "'a\\'"), tok(WHITESPACE, " "), tok(SEMICOLON, ";"));
    }

    @Test
    void emptyStringThenAnother() {
        assertTokens("'''' ''", tok(STRING, "''''"), tok(WHITESPACE, " "), tok(STRING, "''"));
    }

    @Test
    void backslashEscapesWhenStandardConformingStringsIsOff() {
        SqlLexer lexer = new SqlLexer();
        lexer.setStandardConformingStrings(false);
        assertTokens(lexer, "'a\\'b' ;", tok(STRING, "'a\\'b'"), tok(WHITESPACE, " "), tok(SEMICOLON, ";"));
    }

    @Test
    void doubledBackslashBeforeQuoteEndsTheStringWhenStandardConformingStringsIsOff() {
        SqlLexer lexer = new SqlLexer();
        lexer.setStandardConformingStrings(false);
        assertTokens(lexer, "'back\\\\';", tok(STRING, "'back\\\\'"), tok(SEMICOLON, ";"));
    }

    // ------------------------------------------------------------ prefixed strings

    @Test
    void escapeStringWithBackslashQuoteAndBackslashBackslash() {
        assertTokens("E'it\\'s \\\\' x",
                tok(STRING, "E'it\\'s \\\\'"), tok(WHITESPACE, " "), tok(IDENTIFIER, "x"));
    }

    @Test
    void lowerCaseEscapeStringAlsoTakesDoubledQuotes() {
        assertTokens("e'a''b\\n';", tok(STRING, "e'a''b\\n'"), tok(SEMICOLON, ";"));
    }

    @Test
    void escapeStringEndsAtBackslashBackslashQuote() {
        assertTokens("E'\\\\';", tok(STRING, "E'\\\\'"), tok(SEMICOLON, ";"));
    }

    @Test
    void eAfterAnIdentifierCharIsPartOfTheIdentifier() {
        assertTokens("typee'x'", tok(IDENTIFIER, "typee"), tok(STRING, "'x'"));
    }

    @Test
    void unicodeStringBackslashIsNotAQuoteEscape() {
        assertTokens("U&'d\\0061t\\+000061' x",
                tok(STRING, "U&'d\\0061t\\+000061'"), tok(WHITESPACE, " "), tok(IDENTIFIER, "x"));
    }

    @Test
    void unicodeStringBackslashBeforeClosingQuoteEndsIt() {
        assertTokens("u&'\\';", tok(STRING, "u&'\\'"), tok(SEMICOLON, ";"));
    }

    @Test
    void unicodeQuotedIdentifier() {
        assertTokens("U&\"d\\0061t\"\"a\"", tok(QUOTED_IDENTIFIER, "U&\"d\\0061t\"\"a\""));
    }

    @Test
    void uAmpersandWithoutQuoteIsIdentifierAndOperator() {
        assertTokens("u&x", tok(IDENTIFIER, "u"), tok(OPERATOR, "&"), tok(IDENTIFIER, "x"));
    }

    @Test
    void bitHexAndNationalStrings() {
        assertTokens("B'1010' X'1F' N'n''x'",
                tok(STRING, "B'1010'"), tok(WHITESPACE, " "),
                tok(STRING, "X'1F'"), tok(WHITESPACE, " "),
                tok(STRING, "N'n''x'"));
    }

    @Test
    void bitStringTakesNoBackslashEscape() {
        assertTokens("b'\\';", tok(STRING, "b'\\'"), tok(SEMICOLON, ";"));
    }

    // ------------------------------------------------------------ dollar quotes

    @Test
    void emptyTagDollarQuote() {
        assertTokens("$$ it's; $x $$;", tok(DOLLAR_STRING, "$$ it's; $x $$"), tok(SEMICOLON, ";"));
    }

    @Test
    void underscoreTagDollarQuoteContainingDoubleDollar() {
        assertTokens("$_$ a $$ b $_$", tok(DOLLAR_STRING, "$_$ a $$ b $_$"));
    }

    @Test
    void namedTagDollarQuoteWithOtherTagsInside() {
        assertTokens("$function$ $fn$ $function $functio$ $function$;",
                tok(DOLLAR_STRING, "$function$ $fn$ $function $functio$ $function$"), tok(SEMICOLON, ";"));
    }

    @Test
    void dollarTagIsCaseSensitive() {
        assertTokens("$Fn$ $fn$ $FN$ $Fn$", tok(DOLLAR_STRING, "$Fn$ $fn$ $FN$ $Fn$"));
    }

    @Test
    void dollarTagWithDigits() {
        assertTokens("$q1$ $q2$ $q1$", tok(DOLLAR_STRING, "$q1$ $q2$ $q1$"));
    }

    @Test
    void dollarDigitIsAParameterNotAQuote() {
        assertTokens("$1 + $23", tok(PARAMETER, "$1"), tok(WHITESPACE, " "), tok(OPERATOR, "+"),
                tok(WHITESPACE, " "), tok(PARAMETER, "$23"));
    }

    @Test
    void dollarInsideIdentifierStartsNoQuote() {
        assertTokens("foo$bar$ x", tok(IDENTIFIER, "foo$bar$"), tok(WHITESPACE, " "), tok(IDENTIFIER, "x"));
    }

    @Test
    void doubleDollarAfterIdentifierIsPartOfIt() {
        assertTokens("a$$b", tok(IDENTIFIER, "a$$b"));
    }

    @Test
    void dollarFollowedByNonTagCharIsASingleDollar() {
        assertTokens("$a-", tok(OTHER, "$"), tok(IDENTIFIER, "a"), tok(OPERATOR, "-"));
    }

    @Test
    void dollarQuoteBodyEndsBeforeClosingTagDespiteIdentifierCharsBeforeIt() {
        // pg-plain-dump-format.md §3.2: an identifier scan over the raw text would read "citext$_" as one name.
        assertTokens("AS $_$SELECT $1::text::public.citext$_$;",
                tok(IDENTIFIER, "AS"), tok(WHITESPACE, " "),
                tok(DOLLAR_STRING, "$_$SELECT $1::text::public.citext$_$"), tok(SEMICOLON, ";"));
    }

    @Test
    void dollarQuoteBodyWithNewlinesAndCrlf() {
        assertTokens("$$a\r\n;b\n$$", tok(DOLLAR_STRING, "$$a\r\n;b\n$$"));
    }

    // ------------------------------------------------------------ identifiers

    @Test
    void quotedIdentifierWithDoubledQuote() {
        assertTokens("\"a\"\"b\".c", tok(QUOTED_IDENTIFIER, "\"a\"\"b\""), tok(DOT, "."), tok(IDENTIFIER, "c"));
    }

    @Test
    void quotedIdentifierTakesNoBackslashEscape() {
        assertTokens("\"a\\\";", tok(QUOTED_IDENTIFIER, "\"a\\\""), tok(SEMICOLON, ";"));
    }

    @Test
    void quotedDollarUser() {
        assertTokens("\"$user\", public",
                tok(QUOTED_IDENTIFIER, "\"$user\""), tok(COMMA, ","), tok(WHITESPACE, " "), tok(IDENTIFIER, "public"));
    }

    @Test
    void nonAsciiBytesAreIdentifierCharacters() {
        assertTokens("caf\u00c3\u00a9_1", tok(IDENTIFIER, "caf\u00c3\u00a9_1"));
    }

    // ------------------------------------------------------------ comments

    @Test
    void lineCommentRunsToEndOfLine() {
        assertTokens("-- it's; $$\nx", tok(LINE_COMMENT, "-- it's; $$"), tok(WHITESPACE, "\n"), tok(IDENTIFIER, "x"));
    }

    @Test
    void lineCommentAtEndOfInput() {
        assertTokens("x --", tok(IDENTIFIER, "x"), tok(WHITESPACE, " "), tok(LINE_COMMENT, "--"));
    }

    @Test
    void lineCommentStopsBeforeCarriageReturn() {
        assertTokens("--c\r\nx", tok(LINE_COMMENT, "--c"), tok(WHITESPACE, "\r\n"), tok(IDENTIFIER, "x"));
    }

    @Test
    void nestedBlockComment() {
        assertTokens("/* a /* b; */ c' */x", tok(BLOCK_COMMENT, "/* a /* b; */ c' */"), tok(IDENTIFIER, "x"));
    }

    @Test
    void blockCommentStarSlashOverlap() {
        assertTokens("/**/ /*/ */;", tok(BLOCK_COMMENT, "/**/"), tok(WHITESPACE, " "),
                tok(BLOCK_COMMENT, "/*/ */"), tok(SEMICOLON, ";"));
    }

    @Test
    void operatorStopsAtLineComment() {
        assertTokens("+--c\n", tok(OPERATOR, "+"), tok(LINE_COMMENT, "--c"), tok(WHITESPACE, "\n"));
    }

    @Test
    void operatorStopsAtBlockComment() {
        assertTokens("-/*c*/1", tok(OPERATOR, "-"), tok(BLOCK_COMMENT, "/*c*/"), tok(NUMBER, "1"));
    }

    @Test
    void multiCharOperators() {
        assertTokens("a->>'k' <@ b", tok(IDENTIFIER, "a"), tok(OPERATOR, "->>"), tok(STRING, "'k'"),
                tok(WHITESPACE, " "), tok(OPERATOR, "<@"), tok(WHITESPACE, " "), tok(IDENTIFIER, "b"));
    }

    // ------------------------------------------------------------ punctuation and numbers

    @Test
    void doubleColonCast() {
        assertTokens("x::text", tok(IDENTIFIER, "x"), tok(OPERATOR, "::"), tok(IDENTIFIER, "text"));
    }

    @Test
    void singleColonIsOther() {
        assertTokens("a[1:2]", tok(IDENTIFIER, "a"), tok(TokenKind.LEFT_BRACKET, "["), tok(NUMBER, "1"),
                tok(OTHER, ":"), tok(NUMBER, "2"), tok(TokenKind.RIGHT_BRACKET, "]"));
    }

    @Test
    void numberWithFractionAndNegativeExponent() {
        assertTokens("1.5e-3+2", tok(NUMBER, "1.5e-3"), tok(OPERATOR, "+"), tok(NUMBER, "2"));
    }

    @Test
    void numberStartingWithDot() {
        assertTokens("(.5)", tok(LEFT_PAREN, "("), tok(NUMBER, ".5"), tok(RIGHT_PAREN, ")"));
    }

    @Test
    void integerMinusIntegerIsThreeTokens() {
        assertTokens("10-2", tok(NUMBER, "10"), tok(OPERATOR, "-"), tok(NUMBER, "2"));
    }

    @Test
    void exponentSignWithoutDigitDoesNotSwallowALineComment() {
        // psqlscan.l's realfail2 gives back "e-": the "--" that follows is a comment, so the quote in it is not a string.
        assertTokens("1e--'\n;", tok(NUMBER, "1e"), tok(LINE_COMMENT, "--'"), tok(WHITESPACE, "\n"), tok(SEMICOLON, ";"));
    }

    @Test
    void qualifiedName() {
        assertTokens("public.citext", tok(IDENTIFIER, "public"), tok(DOT, "."), tok(IDENTIFIER, "citext"));
    }

    @Test
    void backslashOutsideQuotes() {
        assertTokens("\\restrict k", tok(BACKSLASH, "\\"), tok(IDENTIFIER, "restrict"), tok(WHITESPACE, " "),
                tok(IDENTIFIER, "k"));
    }

    @Test
    void crlfIsOneWhitespaceRun() {
        assertTokens("a;\r\n\r\nb", tok(IDENTIFIER, "a"), tok(SEMICOLON, ";"), tok(WHITESPACE, "\r\n\r\n"),
                tok(IDENTIFIER, "b"));
    }

    // ------------------------------------------------------------ unterminated constructs at end of input

    @Test
    void unterminatedConstructsAreReportedOnlyAtEndOfInput() {
        assertUnterminated("'abc", "quoted string");
        assertUnterminated("E'a\\'", "escape string E'...'");
        assertUnterminated("\"abc", "quoted identifier");
        assertUnterminated("$fn$ body $fn", "dollar-quoted string $fn$");
        assertUnterminated("/* a /* b */", "block comment /*");
    }

    @Test
    void completeTokenIsNotUnterminated() {
        SqlLexer lexer = new SqlLexer();
        TokenHolder out = new TokenHolder();
        byte[] b = bytes("'a'");
        assertTrue(lexer.next(b, 0, b.length, true, out));
        assertNull(out.unterminated());
    }

    // ------------------------------------------------------------ the NEED-MORE contract, over extra inputs

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'a''b', E'c\\'d', $x$ $y$ $x$, \"q\"\"r\" -- c\n/* /* */ */ 1.5e-3 .5 $1 ::x;",
        "CREATE FUNCTION f() RETURNS text AS $_$SELECT $1::text::public.citext$_$;\r\n",
        "U&'\\0041' U&\"\\0041\" B'1' X'f' N'n' +--c\n-/*c*/ a$b$c",
        "$$$$ $a$$a$ $ab$$ab$ $",
        "1e+5 1e+ 1e- 1.. .. 1.x",
        "'''' \"\"\"\" E'\\\\' E''''",
    })
    void needMoreNeverYieldsAWrongToken(String input) {
        assertNeedMoreContract(new SqlLexer(), bytes(input));
    }

    // ------------------------------------------------------------ helpers

    private static void assertTokens(String input, Tok... expected) {
        assertTokens(new SqlLexer(), input, expected);
    }

    private static void assertTokens(SqlLexer lexer, String input, Tok... expected) {
        byte[] b = bytes(input);
        assertEquals(List.of(expected), lexAll(lexer, b), "tokens of " + input);
        assertNeedMoreContract(lexer, b);
    }

    private static List<Tok> lexAll(SqlLexer lexer, byte[] b) {
        List<Tok> tokens = new ArrayList<>();
        TokenHolder out = new TokenHolder();
        int pos = 0;
        while (pos < b.length) {
            assertTrue(lexer.next(b, pos, b.length, true, out), "with eof the lexer always decides");
            assertEquals(pos, out.start());
            assertTrue(out.end() > pos, "a token is never empty");
            assertNull(out.unterminated(), "unexpected unterminated token at " + pos);
            tokens.add(tok(out.kind(), new String(b, out.start(), out.end() - out.start(), StandardCharsets.ISO_8859_1)));
            pos = out.end();
        }
        return tokens;
    }

    /**
     * For every token start of the whole input and every shorter limit: with {@code eof == false}
     * the lexer returns false, or the very token (kind and end) that the whole input gives.
     */
    static void assertNeedMoreContract(SqlLexer lexer, byte[] b) {
        TokenHolder full = new TokenHolder();
        TokenHolder part = new TokenHolder();
        int pos = 0;
        while (pos < b.length) {
            lexer.next(b, pos, b.length, true, full);
            for (int limit = pos + 1; limit <= b.length; limit++) {
                // The bytes past the limit must not matter: hide them.
                byte[] prefix = java.util.Arrays.copyOf(b, limit);
                if (lexer.next(prefix, pos, limit, false, part)) {
                    if (part.kind() != full.kind() || part.end() != full.end() || part.unterminated() != null) {
                        fail("prefix of " + limit + " bytes gave " + part.kind() + " ending at " + part.end()
                                + " but the whole input gives " + full.kind() + " ending at " + full.end()
                                + " (token at " + pos + " of " + new String(b, StandardCharsets.ISO_8859_1) + ")");
                    }
                }
            }
            pos = full.end();
        }
    }

    private static void assertUnterminated(String input, String what) {
        SqlLexer lexer = new SqlLexer();
        TokenHolder out = new TokenHolder();
        byte[] b = bytes(input);
        assertTrue(!lexer.next(b, 0, b.length, false, out), "without eof an open construct asks for more: " + input);
        assertTrue(lexer.next(b, 0, b.length, true, out));
        assertEquals(b.length, out.end(), "an unterminated token runs to the end of input");
        assertEquals(what, out.unterminated());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
