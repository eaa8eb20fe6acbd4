package dev.pgrelocate.statement;

import dev.pgrelocate.lex.TokenKind;

/** A token of a complete statement; offsets index {@link Statement#bytes()}. */
public record Token(TokenKind kind, int start, int end) {
    public int length() {
        return end - start;
    }
}
