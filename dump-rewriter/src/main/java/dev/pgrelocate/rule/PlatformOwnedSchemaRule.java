package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.TokenCursor;

/**
 * Where the platform owns the target schema (heroku, supabase), statements that would change it
 * fail for the restoring role and go: {@code ALTER SCHEMA <target> OWNER TO}, {@code COMMENT ON
 * SCHEMA <target>}, and {@code GRANT}/{@code REVOKE ... ON SCHEMA} naming it (only the target is
 * taken out of a longer list). A database that once created heroku_ext itself dumps all of them.
 */
public final class PlatformOwnedSchemaRule implements StatementRule {
    public static final String ID = "platform-owned-schema";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.targetOwnedByPlatform()) {
            return;
        }
        String target = context.move().target();
        String failure = "only the platform's own role may change schema \"" + target + "\"";
        switch (s.kind()) {
            case ALTER_SCHEMA -> {
                TokenCursor c = new TokenCursor(s);
                c.acceptWords("ALTER", "SCHEMA");
                if (c.nextIsName() && Identifiers.normalize(s, c.advance()).equals(target) && c.acceptWords("OWNER", "TO")) {
                    context.drop(ID, "removed ALTER SCHEMA " + target + " OWNER TO", failure);
                }
            }
            case COMMENT_ON_SCHEMA -> {
                TokenCursor c = new TokenCursor(s);
                c.acceptWords("COMMENT", "ON", "SCHEMA");
                if (c.nextIsName() && Identifiers.normalize(s, c.advance()).equals(target)) {
                    context.drop(ID, "removed COMMENT ON SCHEMA " + target, failure);
                }
            }
            case GRANT, REVOKE -> privilegesOnSchema(s, context, target, failure);
            default -> { }
        }
    }

    private void privilegesOnSchema(Statement s, RuleContext context, String target, String failure) {
        TokenCursor c = new TokenCursor(s);
        while (c.hasNext() && !c.acceptWords("ON", "SCHEMA")) {
            if (c.nextIsWord("TO") || c.nextIsWord("FROM")) {
                return; // privileges on something else (GRANT role TO role has no ON)
            }
            c.advance();
        }
        NameList names = NameList.read(s, c);
        if (!names.contains(target)) {
            return;
        }
        String verb = s.kind().name();
        if (names.isOnly(target)) {
            context.drop(ID, "removed " + verb + " ON SCHEMA " + target, failure);
        } else {
            names.remove(target, ID, context, "removed " + target + " from " + verb + " ON SCHEMA", failure);
        }
    }
}
