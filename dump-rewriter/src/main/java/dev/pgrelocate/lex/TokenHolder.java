package dev.pgrelocate.lex;

/**
 * The caller-owned result of one {@link SqlLexer#next} call, reused so that lexing allocates
 * nothing per token. Offsets index the buffer the lexer was given.
 */
public final class TokenHolder {
    TokenKind kind;
    int start;
    int end;
    /** For an unterminated construct: a short name of what was left open, e.g. "dollar-quoted string $fn$". */
    String unterminated;

    public TokenKind kind() {
        return kind;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Null for a complete token; otherwise what was still open when the input ended. */
    public String unterminated() {
        return unterminated;
    }

    void set(TokenKind kind, int start, int end) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.unterminated = null;
    }
}
