package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.TokenCursor;

/**
 * {@code COMMENT ON EXTENSION x} needs the extension's owner. Extensions the restoring role will
 * not own go without their comment: the excluded ones, and those this dump does not create
 * (plpgsql above all: {@code must be owner of extension plpgsql} on Heroku). On by default in the
 * heroku preset; {@code --[no-]drop-extension-comments} everywhere.
 */
public final class ExtensionCommentRule implements StatementRule {
    public static final String ID = "extension-comment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.options().dropExtensionComments() || s.kind() != StatementKind.COMMENT_ON_EXTENSION) {
            return;
        }
        TokenCursor c = new TokenCursor(s);
        c.acceptWords("COMMENT", "ON", "EXTENSION");
        if (!c.nextIsName()) {
            return;
        }
        String extension = Identifiers.normalize(s, c.advance());
        if (context.move().isExcluded(extension) || !context.createdExtensions().contains(extension)) {
            context.drop(ID, "removed COMMENT ON EXTENSION " + extension,
                    "must be owner of extension " + extension);
        }
    }
}
