package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;
import dev.pgrelocate.statement.Token;
import dev.pgrelocate.statement.TokenCursor;

import java.util.List;
import java.util.Set;

/**
 * {@code --no-acl}, like pg_restore's: {@code GRANT}, {@code REVOKE}, {@code ALTER DEFAULT
 * PRIVILEGES} go, and so does everything else inside pg_dump's ACL entries (the {@code SET SESSION
 * AUTHORIZATION} it writes around grants made by another grantor).
 */
public final class AclRule implements StatementRule {
    public static final String ID = "no-acl";

    private static final Set<String> NOT_ROLES = Set.of("public", "current_user", "session_user", "current_role");

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
        } else {
            warnAboutPolicyRoles(s, context);
        }
    }

    /**
     * A policy's TO list is access control too, but neither dropping the policy nor its roles is
     * safe (a restrictive policy would stop restricting, a permissive one would open to PUBLIC):
     * it stays, and roles the target may not have are named, with the way out.
     */
    private static void warnAboutPolicyRoles(Statement s, RuleContext context) {
        List<Token> significant = DumpDefinitions.significant(s);
        String text = s.text();
        if (!Words.are(significant, 0, text, "CREATE", "POLICY") && !Words.are(significant, 0, text, "ALTER", "POLICY")) {
            return;
        }
        TokenCursor c = new TokenCursor(s);
        while (c.hasNext() && !c.nextIsWord("TO")) {
            c.advance();
        }
        if (!c.hasNext()) {
            return;
        }
        c.advance();
        List<String> roles = NameList.read(s, c).names().stream()
                .filter(r -> !NOT_ROLES.contains(r) && !context.options().roleMap().containsKey(r))
                .toList();
        if (!roles.isEmpty()) {
            context.warn(0, "policy keeps its roles " + String.join(", ", roles) + ": --no-acl does not remove them,"
                            + " and the restore fails where they do not exist",
                    "map them to roles the target has with --map-role OLD=NEW, or create them first");
        }
    }
}
