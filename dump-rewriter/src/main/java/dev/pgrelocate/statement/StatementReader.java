package dev.pgrelocate.statement;

import dev.pgrelocate.lex.Newlines;
import dev.pgrelocate.lex.SqlLexer;
import dev.pgrelocate.lex.TokenHolder;
import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.report.Diagnostic;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a psql script (a plain pg_dump, a Rails structure.sql) into items, one at a time, the
 * way psql would: {@link Item#STATEMENT}s, the whitespace and comments between them
 * ({@link Item#TRIVIA}), psql meta-command lines ({@link Item#META_COMMAND}) and the raw rows of
 * {@code COPY ... FROM stdin} blocks ({@link Item#COPY_DATA}). Concatenating every item's bytes
 * gives back the input exactly.
 *
 * <p>Memory is one buffer that grows only to fit the largest single statement (or comment);
 * COPY data passes through it in chunks and is never held whole. Non-statement items are views
 * into that buffer, valid until the next call to {@link #next()}.
 */
public final class StatementReader implements Closeable {

    /** What {@link #next()} found. */
    public enum Item { TRIVIA, STATEMENT, META_COMMAND, COPY_DATA, END }

    private static final int INITIAL_BUFFER = 128 * 1024;

    private final InputStream in;
    private final String source;
    private final SqlLexer lexer = new SqlLexer();
    private final TokenHolder token = new TokenHolder();

    // ------------------------------------------------------------ input buffer
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    /** Absolute input offset of buf[0]. */
    private long bufOffset;

    // ------------------------------------------------------------ position of pos
    private long line = 1;
    /** Absolute offset of the first byte of the current line. */
    private long lineStart;

    // ------------------------------------------------------------ mode
    private boolean copyLinePending;
    private boolean inCopyData;
    private boolean copyAtLineStart;
    private Statement copyStatement;

    // ------------------------------------------------------------ current item
    private Item item;
    private int itemStart;
    private int itemEnd;
    private long itemOffset;
    private long itemLine;
    private long itemColumn;
    private Statement statement;

    public StatementReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** Advances to the next item; {@link Item#END} at the end of the input. */
    public Item next() throws IOException {
        statement = null;
        if (inCopyData) {
            return copyChunk();
        }
        compact();
        if (pos == limit && !fill()) {
            if (copyLinePending) {
                throw unterminatedCopy();
            }
            return item = Item.END;
        }
        if (copyLinePending) {
            return restOfCopyLine();
        }
        beginItem();
        if (scanTrivia()) {
            return finishItem(Item.TRIVIA);
        }
        if (pos == limit) {
            return item = Item.END;
        }
        if (token.kind() == TokenKind.BACKSLASH) {
            scanToLineEnd();
            return finishItem(Item.META_COMMAND);
        }
        scanStatement();
        return finishStatement();
    }

    public Item item() {
        return item;
    }

    /** The statement, when the current item is {@link Item#STATEMENT}. */
    public Statement statement() {
        return statement;
    }

    /** Buffer holding the current item's bytes at {@link #start()}..{@link #end()}. */
    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return itemStart;
    }

    public int end() {
        return itemEnd;
    }

    public long itemOffset() {
        return itemOffset;
    }

    public long itemLine() {
        return itemLine;
    }

    public long itemColumn() {
        return itemColumn;
    }

    /** Text of the current non-statement item (meta-command lines are short). */
    public String itemText() {
        return new String(buf, itemStart, itemEnd - itemStart, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ------------------------------------------------------------ item boundaries

    private void beginItem() {
        itemStart = pos;
        itemOffset = bufOffset + pos;
        itemLine = line;
        itemColumn = itemOffset - lineStart + 1;
    }

    private Item finishItem(Item kind) {
        itemEnd = pos;
        countLines(itemStart, itemEnd);
        return item = kind;
    }

    private Item finishStatement() {
        byte[] bytes = Arrays.copyOfRange(buf, itemStart, pos);
        statement = new Statement(bytes, itemOffset, itemLine, itemColumn, lexer.standardConformingStrings());
        finishItem(Item.STATEMENT);
        followSessionSettings(statement);
        if (isCopyFromStdin(statement)) {
            copyLinePending = true;
            copyStatement = statement;
        }
        return item;
    }

    // ------------------------------------------------------------ SQL scanning

    /** Consumes whitespace and comments; true if any. Leaves the next token in {@link #token}. */
    private boolean scanTrivia() throws IOException {
        while (lexAt(pos - itemStart) && token.kind().isTrivia()) {
            if (token.unterminated() != null) {
                throw unterminated(token.start());
            }
            pos = token.end();
        }
        return pos > itemStart;
    }

    /**
     * Lexes the token at {@code itemStart + rel} into {@link #token}, reading more input as needed
     * while keeping the current item's bytes. False only when the input ends exactly there. The
     * buffer may be compacted meanwhile: callers keep positions relative to {@link #itemStart}.
     */
    private boolean lexAt(int rel) throws IOException {
        while (true) {
            int at = itemStart + rel;
            if (at >= limit) {
                if (!fillKeeping(itemStart)) {
                    return false;
                }
                continue;
            }
            if (lexer.next(buf, at, limit, eof, token)) {
                return true;
            }
            fillKeeping(itemStart); // reads more, or sets eof so that the lexer can decide
        }
    }

    /** psql's statement end: a semicolon outside parentheses and outside a BEGIN ATOMIC body. */
    private void scanStatement() throws IOException {
        int parenDepth = 0;
        int beginDepth = 0;
        int identifierCount = 0;
        char[] firstIdentifiers = new char[4];
        int lastSignificantRel = pos - itemStart;
        while (true) {
            if (!lexAt(pos - itemStart)) {
                pos = itemStart + lastSignificantRel; // end of input without a semicolon
                return;
            }
            if (token.unterminated() != null) {
                throw unterminated(token.start());
            }
            TokenKind kind = token.kind();
            pos = token.end();
            switch (kind) {
                case LEFT_PAREN -> parenDepth++;
                case RIGHT_PAREN -> parenDepth = Math.max(0, parenDepth - 1);
                case SEMICOLON -> {
                    if (parenDepth == 0 && beginDepth == 0) {
                        return;
                    }
                }
                case IDENTIFIER -> {
                    // psqlscan.l: BEGIN/CASE/END nest only in CREATE [OR REPLACE] FUNCTION|PROCEDURE
                    String word = identifierWord(token);
                    if (identifierCount < firstIdentifiers.length && word != null) {
                        firstIdentifiers[identifierCount] = word.charAt(0);
                    }
                    identifierCount++;
                    if (isRoutineDefinition(firstIdentifiers) && parenDepth == 0) {
                        beginDepth = trackBeginAtomic(token, beginDepth);
                    }
                }
                default -> { }
            }
            if (!kind.isTrivia()) {
                lastSignificantRel = pos - itemStart;
            }
        }
    }

    /** One of the words psql's heuristic records, lower-cased; null for any other identifier. */
    private String identifierWord(TokenHolder t) {
        String w = new String(buf, t.start(), t.end() - t.start(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return switch (w) {
            case "create", "function", "procedure", "or", "replace" -> w;
            default -> null;
        };
    }

    private static boolean isRoutineDefinition(char[] ids) {
        return ids[0] == 'c' && (ids[1] == 'f' || ids[1] == 'p'
                || (ids[1] == 'o' && ids[2] == 'r' && (ids[3] == 'f' || ids[3] == 'p')));
    }

    private int trackBeginAtomic(TokenHolder t, int depth) {
        String w = new String(buf, t.start(), t.end() - t.start(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return switch (w) {
            case "begin" -> depth + 1;
            case "case" -> depth >= 1 ? depth + 1 : depth;
            case "end" -> depth > 0 ? depth - 1 : depth;
            default -> depth;
        };
    }

    /** A meta-command runs to the end of its line, line end included. */
    private void scanToLineEnd() throws IOException {
        int i = pos;
        while (true) {
            while (i < limit && buf[i] != '\n') {
                i++;
            }
            if (i < limit) {
                pos = i + 1;
                return;
            }
            int rel = i - itemStart;
            if (!fillKeeping(itemStart)) {
                pos = limit;
                return;
            }
            i = itemStart + rel;
        }
    }

    /** After {@code COPY ... FROM stdin;} the data starts on the next line: pass the rest of this one. */
    private Item restOfCopyLine() throws IOException {
        beginItem();
        scanToLineEnd();
        copyLinePending = false;
        inCopyData = true;
        copyAtLineStart = true;
        return finishItem(Item.TRIVIA);
    }

    // ------------------------------------------------------------ COPY data

    /**
     * Passes COPY rows through up to and including the terminator line {@code \.}. Only line
     * starts are inspected; every byte is copied verbatim. Lines are counted here, in the one
     * pass over the data.
     */
    private Item copyChunk() throws IOException {
        compact();
        if (pos == limit && !fill()) {
            throw unterminatedCopy();
        }
        beginItem();
        int i = pos;
        while (true) {
            if (copyAtLineStart) {
                if (limit - i < 4 && !eof) {
                    if (i > itemStart) {
                        break; // emit what we have; this line start is decided next time
                    }
                    int rel = i - itemStart;
                    fillKeeping(itemStart);
                    i = itemStart + rel;
                    continue;
                }
                int terminatorEnd = copyTerminatorEnd(i);
                if (terminatorEnd >= 0) {
                    if (buf[terminatorEnd - 1] == '\n') {
                        newLineAt(terminatorEnd - 1);
                    }
                    i = terminatorEnd;
                    inCopyData = false;
                    copyStatement = null;
                    break;
                }
                if (i == limit) {
                    throw unterminatedCopy();
                }
            }
            int nl = indexOfNewline(i);
            if (nl < 0) {
                copyAtLineStart = false;
                i = limit;
                if (eof) {
                    throw unterminatedCopy();
                }
                break;
            }
            newLineAt(nl);
            i = nl + 1;
            copyAtLineStart = true;
            if (i == limit) {
                break;
            }
        }
        pos = i;
        itemEnd = pos;
        return item = Item.COPY_DATA;
    }

    private void newLineAt(int index) {
        line++;
        lineStart = bufOffset + index + 1;
    }

    /** End of the terminator line if {@code buf[i..]} is {@code \.} alone on its line, else -1. */
    private int copyTerminatorEnd(int i) {
        if (limit - i < 2 || buf[i] != '\\' || buf[i + 1] != '.') {
            return -1;
        }
        int after = i + 2;
        if (after == limit) {
            return eof ? after : -1;
        }
        if (buf[after] == '\n') {
            return after + 1;
        }
        if (buf[after] == '\r' && after + 1 < limit && buf[after + 1] == '\n') {
            return after + 2;
        }
        return -1;
    }

    private int indexOfNewline(int from) {
        return Newlines.indexOf(buf, from, limit);
    }

    // ------------------------------------------------------------ session settings psql would apply

    private void followSessionSettings(Statement s) {
        if (s.kind() == StatementKind.RESET) {
            followReset(s);
            return;
        }
        if (s.kind() != StatementKind.SET) {
            return;
        }
        SetStatement set = SetStatement.parse(s);
        if (set == null) {
            return;
        }
        switch (set.name()) {
            case "standard_conforming_strings" -> lexer.setStandardConformingStrings(!isFalse(set.value()));
            case "client_encoding" -> ClientEncodings.requireByteSafe(set.value(), s, source);
            default -> { }
        }
    }

    /** RESET standard_conforming_strings (or RESET ALL) goes back to the server default, on. */
    private void followReset(Statement s) {
        TokenCursor c = new TokenCursor(s);
        c.advance();
        if (c.nextIsWord("ALL") || c.nextIsWord("STANDARD_CONFORMING_STRINGS")) {
            lexer.setStandardConformingStrings(true);
        }
    }

    /** PostgreSQL's parse_bool for false: off, false, no, 0, and the prefixes it accepts ("of", "f", "n"). */
    private static boolean isFalse(String value) {
        return value.equals("0") || (value.length() >= 2 && "off".startsWith(value))
                || (!value.isEmpty() && ("false".startsWith(value) || "no".startsWith(value)));
    }

    private static boolean isCopyFromStdin(Statement s) {
        if (s.kind() != StatementKind.COPY) {
            return false;
        }
        boolean sawFrom = false;
        for (Token t : s.tokens()) {
            if (t.kind() != TokenKind.IDENTIFIER) {
                continue;
            }
            String w = s.text(t).toLowerCase(Locale.ROOT);
            if (sawFrom) {
                return w.equals("stdin");
            }
            sawFrom = w.equals("from");
        }
        return false;
    }

    // ------------------------------------------------------------ buffer management

    /**
     * Starts over at the front of the buffer when everything in it has been consumed. Unread bytes
     * are not moved here: that would copy up to a buffer's worth per item. {@link #fillKeeping}
     * shifts them once the buffer is full.
     */
    private void compact() {
        if (pos > 0 && pos == limit) {
            shiftOut(pos);
        }
    }

    private void shiftOut(int count) {
        System.arraycopy(buf, count, buf, 0, limit - count);
        limit -= count;
        pos -= count;
        itemStart -= count;
        bufOffset += count;
    }

    /** Reads more bytes after {@code limit}; false at end of input. */
    private boolean fill() throws IOException {
        return fillKeeping(pos);
    }

    /**
     * Reads more input, keeping {@code buf[keepFrom..limit)}: shifts it to the front or grows the
     * buffer (doubling, so re-lexing a long token stays linear). Indices move by the shift; callers
     * recompute positions relative to {@link #itemStart}.
     */
    private boolean fillKeeping(int keepFrom) throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length) {
            if (keepFrom > 0) {
                shiftOut(keepFrom);
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                newLineAt(i);
            }
        }
    }

    // ------------------------------------------------------------ errors

    private DumpSyntaxException unterminated(int at) {
        long[] lc = lineAndColumn(at);
        String what = token.unterminated();
        return new DumpSyntaxException(Diagnostic.error(source, lc[0], lc[1],
                "unterminated " + what + " (reached end of input)",
                "close the " + what + ", or check that the file is not truncated"));
    }

    private DumpSyntaxException unterminatedCopy() {
        Statement copy = copyStatement;
        return new DumpSyntaxException(Diagnostic.error(source, copy.line(), copy.column(),
                "unterminated COPY data (reached end of input before the \\. line)",
                "COPY data ends with a line holding only \\. ; check that the file is not truncated"));
    }

    /** Line and column of a buffer index inside the current item. */
    private long[] lineAndColumn(int at) {
        long l = itemLine;
        long start = itemOffset - itemColumn + 1;
        for (int i = itemStart; i < at; i++) {
            if (buf[i] == '\n') {
                l++;
                start = bufOffset + i + 1;
            }
        }
        return new long[] {l, bufOffset + at - start + 1};
    }
}
