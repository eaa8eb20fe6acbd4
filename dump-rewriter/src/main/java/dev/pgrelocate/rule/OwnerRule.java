package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;

import java.util.List;

/**
 * {@code --no-owner}, like pg_restore's: ownership statements that would fail when the original
 * roles do not exist go: {@code ALTER ... OWNER TO role}, {@code SET/RESET SESSION AUTHORIZATION},
 * and the {@code AUTHORIZATION role} of {@code CREATE SCHEMA} (the restoring role owns what it creates).
 */
public final class OwnerRule implements StatementRule {
    public static final String ID = "no-owner";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.options().noOwner()) {
            return;
        }
        List<Token> significant = DumpDefinitions.significant(s);
        String text = s.text();
        if (isOwnerChange(significant, text)) {
            context.drop(ID, "removed " + s.firstLine().strip(), null);
        } else if (isSessionAuthorization(significant, text)) {
            context.drop(ID, "removed " + s.firstLine().strip(), null);
        } else if (Words.are(significant, 0, text, "CREATE", "SCHEMA")) {
            removeAuthorization(s, significant, text, context);
        }
    }

    /** {@code ALTER <anything> OWNER TO role;} — pg_dump writes ownership as a statement of its own. */
    static boolean isOwnerChange(List<Token> significant, String text) {
        int n = significant.size();
        int end = n > 0 && significant.get(n - 1).kind() == TokenKind.SEMICOLON ? n - 1 : n;
        return Words.is(significant, 0, text, "ALTER") && end >= 3
                && Words.are(significant, end - 3, text, "OWNER", "TO");
    }

    static boolean isSessionAuthorization(List<Token> significant, String text) {
        return Words.are(significant, 0, text, "SET", "SESSION", "AUTHORIZATION")
                || Words.are(significant, 0, text, "RESET", "SESSION", "AUTHORIZATION");
    }

    private static void removeAuthorization(Statement s, List<Token> significant, String text, RuleContext context) {
        for (int i = 2; i + 1 < significant.size(); i++) {
            if (!Words.is(significant, i, text, "AUTHORIZATION")) {
                continue;
            }
            Token keyword = significant.get(i);
            Token role = significant.get(i + 1);
            Token before = significant.get(i - 1);
            boolean named = !Words.is(significant, i - 1, text, "SCHEMA") && !Words.is(significant, i - 1, text, "EXISTS");
            if (named) {
                context.replace(ID, before.end(), role.end(), "", "removed AUTHORIZATION " + s.text(role), null);
            } else {
                // CREATE SCHEMA AUTHORIZATION joe creates schema joe: keep the name, drop the owner.
                context.replace(ID, keyword.start(), role.start(), "", "removed AUTHORIZATION (schema keeps the name "
                        + s.text(role) + ")", null);
            }
            return;
        }
    }
}
