package dev.pgrelocate.statement;

import dev.pgrelocate.lex.SqlLexer;
import dev.pgrelocate.lex.TokenHolder;
import dev.pgrelocate.lex.TokenKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One SQL statement, from its first token through its terminating semicolon (or the end of
 * input), as the exact bytes of the dump. Tokens and the classification are built on first use.
 *
 * <p>Text views use ISO-8859-1, which maps each byte to one char: offsets in the text equal
 * offsets in the bytes, and any encoding survives a round trip untouched.
 */
public final class Statement {
    private final byte[] bytes;
    private final long offset;
    private final long line;
    private final long column;
    private final boolean standardConformingStrings;
    private List<Token> tokens;
    private StatementKind kind;

    public Statement(byte[] bytes, long offset, long line, long column, boolean standardConformingStrings) {
        this.bytes = bytes;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.standardConformingStrings = standardConformingStrings;
    }

    /** A statement parsed from text, for callers that hold SQL as a string (archive TOC entries, tests). */
    public static Statement of(String sql) {
        return new Statement(sql.getBytes(StandardCharsets.UTF_8), 0, 1, 1, true);
    }

    public byte[] bytes() {
        return bytes;
    }

    public long offset() {
        return offset;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public String text(Token token) {
        return new String(bytes, token.start(), token.length(), StandardCharsets.ISO_8859_1);
    }

    /** The first line of the statement, for messages. */
    public String firstLine() {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Every token including whitespace and comments; together they cover all bytes. */
    public List<Token> tokens() {
        if (tokens == null) {
            tokens = Collections.unmodifiableList(tokenize(Integer.MAX_VALUE));
        }
        return tokens;
    }

    public StatementKind kind() {
        if (kind == null) {
            kind = StatementKind.of(leadingWords());
        }
        return kind;
    }

    /** Line of a byte offset inside this statement (1-based, absolute in the input). */
    public long lineAt(int position) {
        long l = line;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                l++;
            }
        }
        return l;
    }

    /** Column of a byte offset inside this statement (1-based, in bytes). */
    public long columnAt(int position) {
        int lineStart = position;
        while (lineStart > 0 && bytes[lineStart - 1] != '\n') {
            lineStart--;
        }
        return lineStart == 0 ? column + position : position - lineStart + 1;
    }

    private List<String> leadingWords() {
        List<String> words = new ArrayList<>(StatementKind.MAX_WORDS);
        for (Token t : tokenize(StatementKind.MAX_WORDS * 3)) {
            if (t.kind().isTrivia()) {
                continue;
            }
            if (t.kind() != TokenKind.IDENTIFIER || words.size() == StatementKind.MAX_WORDS) {
                break;
            }
            words.add(text(t).toUpperCase(Locale.ROOT));
        }
        return words;
    }

    private List<Token> tokenize(int max) {
        SqlLexer lexer = new SqlLexer();
        lexer.setStandardConformingStrings(standardConformingStrings);
        TokenHolder holder = new TokenHolder();
        List<Token> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length && out.size() < max) {
            lexer.next(bytes, pos, bytes.length, true, holder);
            out.add(new Token(holder.kind(), holder.start(), holder.end()));
            pos = holder.end();
        }
        return out;
    }
}
