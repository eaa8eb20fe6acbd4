package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;

/**
 * {@code --no-acl}, like pg_restore's: {@code GRANT}, {@code REVOKE}, {@code ALTER DEFAULT
 * PRIVILEGES} go, and so does everything else inside pg_dump's ACL entries (the {@code SET SESSION
 * AUTHORIZATION} it writes around grants made by another grantor).
 */
public final class AclRule implements StatementRule {
    public static final String ID = "no-acl";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.options().noAcl()) {
            return;
        }
        StatementKind kind = s.kind();
        boolean privilege = kind == StatementKind.GRANT || kind == StatementKind.REVOKE
                || kind == StatementKind.ALTER_DEFAULT_PRIVILEGES;
        boolean insideAclEntry = context.tocEntryType().equals("ACL") || context.tocEntryType().equals("DEFAULT ACL");
        if (privilege || insideAclEntry) {
            context.drop(ID, "removed " + s.firstLine().strip(), null);
        }
    }
}
