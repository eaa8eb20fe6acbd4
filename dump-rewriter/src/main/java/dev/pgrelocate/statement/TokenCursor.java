package dev.pgrelocate.statement;

import dev.pgrelocate.lex.TokenKind;

import java.util.List;
import java.util.Locale;

/** Walks a statement's significant tokens (whitespace and comments skipped), for rule parsing. */
public final class TokenCursor {
    private final Statement statement;
    private final List<Token> tokens;
    private int index;

    public TokenCursor(Statement statement) {
        this.statement = statement;
        this.tokens = statement.tokens();
        skipTrivia();
    }

    public boolean hasNext() {
        return index < tokens.size();
    }

    public Token peek() {
        return tokens.get(index);
    }

    public Token advance() {
        Token t = tokens.get(index++);
        skipTrivia();
        return t;
    }

    /** True when the next token is the keyword {@code word} (upper case, compared case-insensitively). */
    public boolean nextIsWord(String word) {
        return hasNext() && peek().kind() == TokenKind.IDENTIFIER
                && statement.text(peek()).toUpperCase(Locale.ROOT).equals(word);
    }

    /** Consumes the keywords in order if they are next; otherwise consumes nothing. */
    public boolean acceptWords(String... words) {
        int saved = index;
        for (String w : words) {
            if (!nextIsWord(w)) {
                index = saved;
                return false;
            }
            advance();
        }
        return true;
    }

    public boolean nextIsOperator(String op) {
        return hasNext() && peek().kind() == TokenKind.OPERATOR && statement.text(peek()).equals(op);
    }

    public boolean nextIs(TokenKind kind) {
        return hasNext() && peek().kind() == kind;
    }

    public boolean nextIsName() {
        return nextIs(TokenKind.IDENTIFIER) || nextIs(TokenKind.QUOTED_IDENTIFIER);
    }

    /** Position of the next significant token, for saving and restoring. */
    public int mark() {
        return index;
    }

    public void reset(int mark) {
        index = mark;
    }

    private void skipTrivia() {
        while (index < tokens.size() && tokens.get(index).kind().isTrivia()) {
            index++;
        }
    }
}
