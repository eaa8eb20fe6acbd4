package dev.pgrelocate.rule;

import dev.pgrelocate.lex.SqlLexer;
import dev.pgrelocate.lex.TokenHolder;
import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code schema.name} and {@code schema.<operator>} in a run of tokens: the shape of every
 * reference pg_dump prints to an object outside pg_catalog (it runs the restore with an empty
 * search_path, so everything is qualified). A three-part name such as {@code db.schema.x} is not
 * taken for one.
 */
final class QualifiedNames {

    /** One reference; {@code nameIndex} is the member name's index in the token list searched. */
    record Reference(int schemaStart, int schemaEnd, String schema, String name, int nameIndex) {
    }

    private QualifiedNames() {
    }

    /** References among significant tokens (trivia already removed) over {@code text}. */
    static List<Reference> find(List<Token> significant, String text) {
        List<Reference> found = new ArrayList<>();
        for (int i = 0; i + 2 < significant.size(); i++) {
            Token schema = significant.get(i);
            Token dot = significant.get(i + 1);
            Token name = significant.get(i + 2);
            if (!isName(schema) || dot.kind() != TokenKind.DOT || dot.start() != schema.end()
                    || name.start() != dot.end()) {
                continue;
            }
            if (i > 0 && significant.get(i - 1).kind() == TokenKind.DOT && significant.get(i - 1).end() == schema.start()) {
                continue;
            }
            String memberName;
            if (isName(name)) {
                memberName = normalize(text, name);
            } else if (name.kind() == TokenKind.OPERATOR) {
                memberName = text.substring(name.start(), name.end());
            } else {
                continue;
            }
            found.add(new Reference(schema.start(), schema.end(), normalize(text, schema), memberName, i + 2));
        }
        return found;
    }

    /** The same over a piece of SQL held as text (a function body, a reg* literal's content). */
    static List<Reference> findInText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        SqlLexer lexer = new SqlLexer();
        TokenHolder holder = new TokenHolder();
        List<Token> significant = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            lexer.next(bytes, pos, bytes.length, true, holder);
            if (!holder.kind().isTrivia()) {
                significant.add(new Token(holder.kind(), holder.start(), holder.end()));
            }
            pos = holder.end();
        }
        return find(significant, text);
    }

    private static boolean isName(Token t) {
        return t.kind() == TokenKind.IDENTIFIER || t.kind() == TokenKind.QUOTED_IDENTIFIER;
    }

    private static String normalize(String text, Token t) {
        return Identifiers.normalize(text.substring(t.start(), t.end()), t.kind() == TokenKind.QUOTED_IDENTIFIER);
    }
}
