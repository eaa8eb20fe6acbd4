package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.TokenCursor;

/**
 * Removes the target schema from {@code DROP SCHEMA [IF EXISTS] ... [CASCADE | RESTRICT]} (what
 * {@code pg_dump --clean} writes): the target is not the restorer's to drop, and dropping it with
 * CASCADE would take every extension in it along.
 */
public final class DropTargetSchemaRule implements StatementRule {
    public static final String ID = "drop-target-schema";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (s.kind() != StatementKind.DROP_SCHEMA) {
            return;
        }
        TokenCursor c = new TokenCursor(s);
        c.acceptWords("DROP", "SCHEMA");
        c.acceptWords("IF", "EXISTS");
        NameList names = NameList.read(s, c);
        String target = context.move().target();
        if (!names.contains(target)) {
            return;
        }
        String failure = "the target schema \"" + target + "\" is not the restoring role's to drop";
        if (names.isOnly(target)) {
            context.drop(ID, "removed DROP SCHEMA " + target, failure);
        } else {
            names.remove(target, ID, context, "removed " + target + " from DROP SCHEMA", failure);
        }
    }
}
