package dev.pgrelocate.lex;

/** What a token is. Keywords are plain {@link #IDENTIFIER}s; rules compare their text. */
public enum TokenKind {
    WHITESPACE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    IDENTIFIER,
    QUOTED_IDENTIFIER,
    /** Any single-quoted form: '...', E'...', B'...', X'...', N'...', U&'...'. */
    STRING,
    DOLLAR_STRING,
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAMETER,
    /** A run of operator characters, e.g. {@code &&}, {@code ->}, {@code ::}. */
    OPERATOR,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    SEMICOLON,
    DOT,
    /** A backslash outside quotes: the start of a psql meta-command. */
    BACKSLASH,
    OTHER;

    /** Whitespace and comments: bytes a statement carries but no rule looks at. */
    public boolean isTrivia() {
        return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
