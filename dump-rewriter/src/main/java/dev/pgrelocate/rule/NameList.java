package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;
import dev.pgrelocate.statement.TokenCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of plain names, as in {@code DROP SCHEMA a, b} or {@code GRANT ... ON
 * SCHEMA a, b}, and the edit that removes one of them.
 */
record NameList(List<Token> tokens, List<String> names) {

    /** Reads names from the cursor while they are separated by commas. */
    static NameList read(Statement s, TokenCursor c) {
        List<Token> tokens = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (c.nextIsName()) {
            Token t = c.advance();
            tokens.add(t);
            names.add(Identifiers.normalize(s, t));
            if (!c.nextIs(TokenKind.COMMA)) {
                break;
            }
            c.advance();
        }
        return new NameList(tokens, names);
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    boolean isOnly(String name) {
        return names.size() == 1 && names.get(0).equals(name);
    }

    /**
     * Removes {@code name} and one neighbouring comma (the one before it, or after it for the
     * first element), leaving the rest of the statement as it was.
     */
    void remove(String name, String rule, RuleContext context, String description, String failure) {
        int i = names.indexOf(name);
        Token t = tokens.get(i);
        int start;
        int end;
        if (i > 0) {
            start = tokens.get(i - 1).end();
            end = t.end();
        } else {
            start = t.start();
            end = tokens.get(1).start();
        }
        context.replace(rule, start, end, "", description, failure);
    }
}
