package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;
import dev.pgrelocate.statement.TokenCursor;

/**
 * {@code CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [schema_element ...]} taken
 * apart. Without a name the schema is named after the role.
 *
 * @param schemaKeyword the SCHEMA token, where IF NOT EXISTS goes
 * @param hasElements   CREATE TABLE/VIEW/... follow inside the statement (IF NOT EXISTS is not allowed then)
 */
record CreateSchema(String name, Token schemaKeyword, boolean ifNotExists, boolean hasElements) {

    static CreateSchema parse(Statement s) {
        TokenCursor c = new TokenCursor(s);
        if (!c.nextIsWord("CREATE")) {
            return null;
        }
        c.advance();
        if (!c.nextIsWord("SCHEMA")) {
            return null;
        }
        Token schemaKeyword = c.advance();
        boolean ifNotExists = c.acceptWords("IF", "NOT", "EXISTS");
        String name = null;
        if (c.nextIsName() && !c.nextIsWord("AUTHORIZATION")) {
            name = Identifiers.normalize(s, c.advance());
        }
        if (c.nextIsWord("AUTHORIZATION")) {
            c.advance();
            if (c.nextIsName()) {
                String role = Identifiers.normalize(s, c.advance());
                name = name == null ? role : name;
            }
        }
        if (name == null) {
            return null;
        }
        boolean hasElements = c.hasNext() && !c.nextIs(TokenKind.SEMICOLON);
        return new CreateSchema(name, schemaKeyword, ifNotExists, hasElements);
    }
}
