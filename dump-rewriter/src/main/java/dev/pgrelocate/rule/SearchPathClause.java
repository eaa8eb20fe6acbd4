package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Literals;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code SET search_path {TO | =} a, b, ...} in a statement: the statement SET itself, a
 * routine's SET clause in CREATE/ALTER FUNCTION or PROCEDURE, and ALTER DATABASE/ROLE ... SET.
 * pg_dump writes the routine and database forms as string literals ({@code 'public', 'pg_temp'}),
 * Rails and people as identifiers.
 */
record SearchPathClause(List<Element> elements) {

    /** One element of the path: its token and its value (identifiers case-folded, literals unquoted). */
    record Element(Token token, String value) {
        boolean isLiteral() {
            return token.kind() == TokenKind.STRING;
        }
    }

    static List<SearchPathClause> findAll(Statement s) {
        List<Token> significant = DumpDefinitions.significant(s);
        String text = s.text();
        List<SearchPathClause> clauses = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i + 3 < significant.size(); i++) {
            Token t = significant.get(i);
            if (t.kind() == TokenKind.LEFT_PAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RIGHT_PAREN) {
                depth--;
            }
            if (depth != 0 || !isWord(t, text, "set")) {
                continue;
            }
            int at = i + 1;
            if (isWord(significant.get(at), text, "local") || isWord(significant.get(at), text, "session")) {
                at++;
            }
            if (at + 2 >= significant.size() || !isWord(significant.get(at), text, "search_path")) {
                continue;
            }
            Token assign = significant.get(at + 1);
            if (!isWord(assign, text, "to") && !(assign.kind() == TokenKind.OPERATOR && text(assign, text).equals("="))) {
                continue;
            }
            clauses.add(new SearchPathClause(elements(s, significant, at + 2)));
        }
        return clauses;
    }

    boolean contains(String schema) {
        return elements.stream().anyMatch(e -> e.value().equals(schema));
    }

    /** {@code SET search_path TO DEFAULT} and {@code FROM CURRENT} take no list. */
    boolean isList() {
        return elements.stream().noneMatch(e -> e.token().kind() == TokenKind.IDENTIFIER && e.value().equals("default"));
    }

    private static List<Element> elements(Statement s, List<Token> significant, int from) {
        List<Element> elements = new ArrayList<>();
        for (int i = from; i < significant.size(); i += 2) {
            Token t = significant.get(i);
            switch (t.kind()) {
                case STRING -> elements.add(new Element(t, Literals.unquote(s.text(t))));
                case IDENTIFIER, QUOTED_IDENTIFIER -> elements.add(new Element(t, Identifiers.normalize(s, t)));
                default -> {
                    return elements;
                }
            }
            if (i + 1 >= significant.size() || significant.get(i + 1).kind() != TokenKind.COMMA) {
                break;
            }
        }
        return elements;
    }

    private static boolean isWord(Token t, String text, String word) {
        return t.kind() == TokenKind.IDENTIFIER && text(t, text).toLowerCase(Locale.ROOT).equals(word);
    }

    private static String text(Token t, String text) {
        return text.substring(t.start(), t.end());
    }
}
