package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.TokenCursor;

/**
 * {@code COMMENT ON EXTENSION x} and {@code DROP EXTENSION x} need the extension's owner.
 * Extensions the restoring role will not own go without their comment: the excluded ones, and
 * those this dump does not create (plpgsql above all: {@code must be owner of extension plpgsql}
 * on Heroku); a {@code --clean} dump's {@code DROP EXTENSION} of an excluded one goes too (the
 * platform's extension is not the restorer's to drop). On by default in the heroku preset;
 * {@code --[no-]drop-extension-comments} everywhere.
 */
public final class ExtensionCommentRule implements StatementRule {
    public static final String ID = "extension-comment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.options().dropExtensionComments()) {
            return;
        }
        if (s.kind() == StatementKind.COMMENT_ON_EXTENSION) {
            TokenCursor c = new TokenCursor(s);
            c.acceptWords("COMMENT", "ON", "EXTENSION");
            String extension = c.nextIsName() ? Identifiers.normalize(s, c.advance()) : null;
            if (extension != null && (context.move().isExcluded(extension) || !createdByTheDump(extension, context))) {
                context.drop(ID, "removed COMMENT ON EXTENSION " + extension, "must be owner of extension " + extension);
            }
        } else if (s.kind() == StatementKind.DROP_EXTENSION) {
            TokenCursor c = new TokenCursor(s);
            c.acceptWords("DROP", "EXTENSION");
            c.acceptWords("IF", "EXISTS");
            NameList names = NameList.read(s, c);
            if (names.names().size() == 1 && context.move().isExcluded(names.names().get(0))) {
                String extension = names.names().get(0);
                context.drop(ID, "removed DROP EXTENSION " + extension, "must be owner of extension " + extension);
            }
        }
    }

    /** Created so far, or (known from a first pass over a file) created further down. */
    private static boolean createdByTheDump(String extension, RuleContext context) {
        return context.createdExtensions().contains(extension) || context.definitions().extensions().containsKey(extension);
    }
}
