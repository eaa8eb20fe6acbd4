package dev.pgrelocate.statement;

import dev.pgrelocate.lex.TokenKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SET [SESSION | LOCAL] name {TO | =} value [, ...]} (and {@code SET NAMES value}, which sets
 * client_encoding) taken apart: the parameter name and each value with its token, so a rule can
 * edit one element of a list.
 */
public record SetStatement(String name, List<Value> values) {

    /** One list element: its token and its text without quotes (identifiers case-folded). */
    public record Value(Token token, String text) {
    }

    /** The parsed form, or null when the statement is not a plain SET of one parameter. */
    public static SetStatement parse(Statement s) {
        TokenCursor c = new TokenCursor(s);
        if (!c.nextIsWord("SET")) {
            return null;
        }
        c.advance();
        if (c.nextIsWord("SESSION") || c.nextIsWord("LOCAL")) {
            c.advance();
        }
        if (!c.hasNext() || c.peek().kind() != TokenKind.IDENTIFIER && c.peek().kind() != TokenKind.QUOTED_IDENTIFIER) {
            return null;
        }
        String name;
        if (c.acceptWords("NAMES")) {
            name = "client_encoding"; // gram.y: SET NAMES 'enc' is SET client_encoding TO 'enc'
        } else {
            name = Identifiers.normalize(s, c.advance());
            if (c.nextIsWord("TO") || c.nextIsOperator("=")) {
                c.advance();
            } else {
                return null; // SET SESSION AUTHORIZATION, SET TIME ZONE, SET CONSTRAINTS ...
            }
        }
        List<Value> values = new ArrayList<>();
        while (c.hasNext() && c.peek().kind() != TokenKind.SEMICOLON) {
            Token t = c.advance();
            switch (t.kind()) {
                case STRING -> values.add(new Value(t, Literals.unquote(s.text(t))));
                case IDENTIFIER, QUOTED_IDENTIFIER -> values.add(new Value(t, Identifiers.normalize(s, t)));
                case NUMBER -> values.add(new Value(t, s.text(t)));
                case COMMA -> { }
                default -> {
                    return null;
                }
            }
        }
        return new SetStatement(name, values);
    }

    /** The first value, lower-cased: what a one-value setting such as client_encoding is set to. */
    public String value() {
        return values.isEmpty() ? "" : values.get(0).text().toLowerCase(Locale.ROOT);
    }
}
