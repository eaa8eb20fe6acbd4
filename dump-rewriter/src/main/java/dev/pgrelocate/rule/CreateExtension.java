package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;
import dev.pgrelocate.statement.TokenCursor;

/**
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]} taken
 * apart (options in any order, as the grammar allows).
 *
 * @param withToken   the optional WITH right after the name, or null
 * @param schemaToken the schema name token, or null when no schema is named
 */
record CreateExtension(String name, Token nameToken, Token withToken, Token schemaToken, String schema) {

    static CreateExtension parse(Statement s) {
        TokenCursor c = new TokenCursor(s);
        if (!c.acceptWords("CREATE", "EXTENSION")) {
            return null;
        }
        c.acceptWords("IF", "NOT", "EXISTS");
        if (!c.nextIsName()) {
            return null;
        }
        Token nameToken = c.advance();
        Token withToken = c.nextIsWord("WITH") ? c.advance() : null;
        Token schemaToken = null;
        while (c.hasNext() && !c.nextIs(TokenKind.SEMICOLON)) {
            if (c.nextIsWord("SCHEMA")) {
                c.advance();
                if (c.nextIsName()) {
                    schemaToken = c.advance();
                }
            } else {
                c.advance();
            }
        }
        String schema = schemaToken == null ? null : Identifiers.normalize(s, schemaToken);
        return new CreateExtension(Identifiers.normalize(s, nameToken), nameToken, withToken, schemaToken, schema);
    }

    /** Where the extension lands after the move: the target, or null when it stays where it is. */
    boolean endsInTarget(SchemaMove move) {
        if (move.isExcluded(name)) {
            return false;
        }
        return schema == null || move.isTarget(schema) || move.movesFrom(schema);
    }
}
