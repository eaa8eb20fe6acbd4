package dev.pgrelocate.lex;

/**
 * A byte-level lexer for the SQL that psql reads: it finds where each token ends, following the
 * rules of PostgreSQL's {@code src/backend/parser/scan.l} and psql's {@code psqlscan.l}.
 *
 * <p>It works on bytes, not characters, so every server-side encoding passes through untouched:
 * in those encodings a byte below 0x80 is always an ASCII character. Bytes 0x80-0xFF are treated
 * as identifier characters, exactly as {@code scan.l} does. It allocates nothing per token: the
 * result goes into a caller-owned {@link TokenHolder}.
 *
 * <p>Contract with the caller: {@link #next} looks at {@code buf[pos..limit)}. When a token might
 * continue past {@code limit} and more input can come ({@code eof == false}) it returns
 * {@code false} and the caller must supply more bytes (keeping the token's start) and call again.
 */
public final class SqlLexer {

    private boolean standardConformingStrings = true;

    /** {@code SET standard_conforming_strings = off} makes a backslash escape the next byte in '...'. */
    public void setStandardConformingStrings(boolean on) {
        this.standardConformingStrings = on;
    }

    public boolean standardConformingStrings() {
        return standardConformingStrings;
    }

    /**
     * Scans one token starting at {@code pos} ({@code pos < limit}).
     *
     * @return true with the token in {@code out}; false when more input is needed first
     */
    public boolean next(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int c = buf[pos] & 0xFF;
        switch (c) {
            case ' ': case '\t': case '\n': case '\r': case '\f': case 0x0B:
                return whitespace(buf, pos, limit, eof, out);
            case '\'':
                return quoted(buf, pos, pos + 1, limit, eof, out, !standardConformingStrings, '\'', TokenKind.STRING, "quoted string");
            case '"':
                return quoted(buf, pos, pos + 1, limit, eof, out, false, '"', TokenKind.QUOTED_IDENTIFIER, "quoted identifier");
            case '$':
                return dollar(buf, pos, limit, eof, out);
            case '(':
                return single(TokenKind.LEFT_PAREN, pos, out);
            case ')':
                return single(TokenKind.RIGHT_PAREN, pos, out);
            case '[':
                return single(TokenKind.LEFT_BRACKET, pos, out);
            case ']':
                return single(TokenKind.RIGHT_BRACKET, pos, out);
            case ',':
                return single(TokenKind.COMMA, pos, out);
            case ';':
                return single(TokenKind.SEMICOLON, pos, out);
            case '\\':
                return single(TokenKind.BACKSLASH, pos, out);
            case '.':
                return dotOrNumber(buf, pos, limit, eof, out);
            case ':':
                return colon(buf, pos, limit, eof, out);
            default:
                break;
        }
        if (isDigit(c)) {
            return number(buf, pos, limit, eof, out);
        }
        if (isIdentStart(c)) {
            return identifierOrPrefixedQuote(buf, pos, limit, eof, out);
        }
        if (isOperatorChar(c)) {
            return operatorOrComment(buf, pos, limit, eof, out);
        }
        return single(TokenKind.OTHER, pos, out);
    }

    // ---------------------------------------------------------------- character classes (scan.l)

    public static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    public static boolean isIdentCont(int c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    public static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** scan.l's op_chars. */
    public static boolean isOperatorChar(int c) {
        switch (c) {
            case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '?':
            case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '=':
                return true;
            default:
                return false;
        }
    }

    private static boolean isDollarTagStart(int c) {
        return isIdentStart(c);
    }

    private static boolean isDollarTagCont(int c) {
        return isIdentStart(c) || isDigit(c);
    }

    // ---------------------------------------------------------------- one handler per form

    private static boolean single(TokenKind kind, int pos, TokenHolder out) {
        out.set(kind, pos, pos + 1);
        return true;
    }

    private static boolean whitespace(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int i = pos + 1;
        while (i < limit) {
            int c = buf[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B) {
                out.set(TokenKind.WHITESPACE, pos, i);
                return true;
            }
            i++;
        }
        return endOfBuffer(TokenKind.WHITESPACE, pos, limit, eof, out);
    }

    /** A run that reached the end of the buffer: complete only if no more input can come. */
    private static boolean endOfBuffer(TokenKind kind, int pos, int limit, boolean eof, TokenHolder out) {
        if (!eof) {
            return false;
        }
        out.set(kind, pos, limit);
        return true;
    }

    private static boolean unterminated(TokenKind kind, int pos, int limit, boolean eof, TokenHolder out, String what) {
        if (!eof) {
            return false;
        }
        out.set(kind, pos, limit);
        out.unterminated = what;
        return true;
    }

    /**
     * '...' and "..." with the doubled-quote escape; with {@code backslashEscapes} (E'' strings,
     * or standard_conforming_strings off) a backslash also escapes the byte after it.
     */
    private static boolean quoted(byte[] buf, int tokenStart, int bodyStart, int limit, boolean eof, TokenHolder out,
                                  boolean backslashEscapes, int quote, TokenKind kind, String what) {
        int i = bodyStart;
        while (i < limit) {
            int c = buf[i];
            if (c == quote) {
                if (i + 1 < limit) {
                    if (buf[i + 1] == quote) {
                        i += 2;
                        continue;
                    }
                    out.set(kind, tokenStart, i + 1);
                    return true;
                }
                // The next byte decides between '' and the end of the string.
                if (!eof) {
                    return false;
                }
                out.set(kind, tokenStart, i + 1);
                return true;
            }
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            i++;
        }
        return unterminated(kind, tokenStart, limit, eof, out, what);
    }

    private static boolean dollar(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int i = pos + 1;
        if (i >= limit) {
            return endOfBuffer(TokenKind.OTHER, pos, limit, eof, out);
        }
        int c = buf[i] & 0xFF;
        if (isDigit(c)) {
            while (i < limit && isDigit(buf[i] & 0xFF)) {
                i++;
            }
            if (i == limit && !eof) {
                return false;
            }
            out.set(TokenKind.PARAMETER, pos, i);
            return true;
        }
        if (c != '$' && !isDollarTagStart(c)) {
            out.set(TokenKind.OTHER, pos, pos + 1);
            return true;
        }
        while (i < limit && buf[i] != '$') {
            if (!isDollarTagCont(buf[i] & 0xFF)) {
                // "$abc" followed by something else is not a dollar quote (scan.l's dolqfailed).
                out.set(TokenKind.OTHER, pos, pos + 1);
                return true;
            }
            i++;
        }
        if (i == limit) {
            return endOfBuffer(TokenKind.OTHER, pos, limit, eof, out);
        }
        int tagLength = i + 1 - pos; // "$tag$" including both dollars
        int bodyStart = i + 1;
        int end = findDollarClose(buf, pos, tagLength, bodyStart, limit);
        if (end < 0) {
            String tag = new String(buf, pos, tagLength, java.nio.charset.StandardCharsets.ISO_8859_1);
            return unterminated(TokenKind.DOLLAR_STRING, pos, limit, eof, out, "dollar-quoted string " + tag);
        }
        out.set(TokenKind.DOLLAR_STRING, pos, end);
        return true;
    }

    /** Finds the end (exclusive) of the first copy of the opening tag at or after {@code from}, or -1. */
    private static int findDollarClose(byte[] buf, int tagStart, int tagLength, int from, int limit) {
        int last = limit - tagLength;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != '$') {
                continue;
            }
            for (int k = 1; k < tagLength; k++) {
                if (buf[i + k] != buf[tagStart + k]) {
                    continue outer;
                }
            }
            return i + tagLength;
        }
        return -1;
    }

    private static boolean dotOrNumber(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        if (pos + 1 >= limit) {
            return endOfBuffer(TokenKind.DOT, pos, pos + 1, eof, out);
        }
        if (isDigit(buf[pos + 1] & 0xFF)) {
            return number(buf, pos, limit, eof, out);
        }
        out.set(TokenKind.DOT, pos, pos + 1);
        return true;
    }

    private static boolean colon(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        if (pos + 1 >= limit) {
            return endOfBuffer(TokenKind.OTHER, pos, pos + 1, eof, out);
        }
        if (buf[pos + 1] == ':') {
            out.set(TokenKind.OPERATOR, pos, pos + 2);
            return true;
        }
        out.set(TokenKind.OTHER, pos, pos + 1);
        return true;
    }

    /** Digits with an optional fraction and exponent; a trailing identifier run is absorbed (junk, as in PG 15). */
    private static boolean number(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int i = pos;
        while (i < limit) {
            int c = buf[i] & 0xFF;
            if (isDigit(c) || c == '.' || c == '_' || isIdentStart(c)) {
                i++;
            } else if ((c == '+' || c == '-') && (buf[i - 1] == 'e' || buf[i - 1] == 'E')) {
                // psqlscan.l's realfail2: without a digit after it the sign is not part of the number,
                // so in "1e--x" the "--" still starts a comment.
                if (i + 1 == limit && !eof) {
                    return false;
                }
                if (i + 1 == limit || !isDigit(buf[i + 1] & 0xFF)) {
                    break;
                }
                i++;
            } else {
                break;
            }
        }
        // A ".." would be a range in PL/pgSQL; keep a single trailing dot out of the number.
        if (i == limit && !eof) {
            return false;
        }
        out.set(TokenKind.NUMBER, pos, i);
        return true;
    }

    private boolean identifierOrPrefixedQuote(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int c = buf[pos] & 0xFF;
        if (pos + 1 >= limit && !eof) {
            return false;
        }
        int next = pos + 1 < limit ? buf[pos + 1] & 0xFF : -1;
        if (next == '\'') {
            switch (c) {
                case 'e': case 'E':
                    return quoted(buf, pos, pos + 2, limit, eof, out, true, '\'', TokenKind.STRING, "escape string E'...'");
                case 'n': case 'N':
                    return quoted(buf, pos, pos + 2, limit, eof, out, !standardConformingStrings, '\'', TokenKind.STRING, "quoted string");
                case 'b': case 'B': case 'x': case 'X':
                    return quoted(buf, pos, pos + 2, limit, eof, out, false, '\'', TokenKind.STRING, "bit-string literal");
                default:
                    break;
            }
        }
        if ((c == 'u' || c == 'U') && next == '&') {
            if (pos + 2 >= limit && !eof) {
                return false;
            }
            int third = pos + 2 < limit ? buf[pos + 2] : -1;
            if (third == '\'') {
                return quoted(buf, pos, pos + 3, limit, eof, out, false, '\'', TokenKind.STRING, "Unicode string U&'...'");
            }
            if (third == '"') {
                return quoted(buf, pos, pos + 3, limit, eof, out, false, '"', TokenKind.QUOTED_IDENTIFIER, "quoted identifier");
            }
        }
        int i = pos + 1;
        while (i < limit && isIdentCont(buf[i] & 0xFF)) {
            i++;
        }
        if (i == limit && !eof) {
            return false;
        }
        out.set(TokenKind.IDENTIFIER, pos, i);
        return true;
    }

    private static boolean operatorOrComment(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int c = buf[pos];
        if (pos + 1 >= limit && !eof) {
            return false;
        }
        int next = pos + 1 < limit ? buf[pos + 1] : -1;
        if (c == '-' && next == '-') {
            return lineComment(buf, pos, limit, eof, out);
        }
        if (c == '/' && next == '*') {
            return blockComment(buf, pos, limit, eof, out);
        }
        int i = pos + 1;
        while (i < limit && isOperatorChar(buf[i] & 0xFF)) {
            // A comment start ends the operator (scan.l: "--" and "/*" cannot be inside one).
            if (i + 1 < limit && ((buf[i] == '-' && buf[i + 1] == '-') || (buf[i] == '/' && buf[i + 1] == '*'))) {
                break;
            }
            i++;
        }
        if (i == limit && !eof) {
            return false; // the operator, or a comment start after it, may continue
        }
        out.set(TokenKind.OPERATOR, pos, i);
        return true;
    }

    private static boolean lineComment(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        for (int i = pos + 2; i < limit; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                out.set(TokenKind.LINE_COMMENT, pos, i);
                return true;
            }
        }
        return endOfBuffer(TokenKind.LINE_COMMENT, pos, limit, eof, out);
    }

    /** Block comments nest in PostgreSQL: each inner opener needs its own closer. */
    private static boolean blockComment(byte[] buf, int pos, int limit, boolean eof, TokenHolder out) {
        int depth = 1;
        int i = pos + 2;
        while (i < limit - 1) {
            if (buf[i] == '/' && buf[i + 1] == '*') {
                depth++;
                i += 2;
            } else if (buf[i] == '*' && buf[i + 1] == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    out.set(TokenKind.BLOCK_COMMENT, pos, i);
                    return true;
                }
            } else {
                i++;
            }
        }
        return unterminated(TokenKind.BLOCK_COMMENT, pos, limit, eof, out, "block comment /*");
    }
}
