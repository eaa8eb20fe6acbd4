package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Literals;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --map-role old=new}: renames a role wherever pg_dump names one: {@code OWNER TO},
 * {@code AUTHORIZATION}, {@code SET SESSION AUTHORIZATION 'x'}, {@code GRANT ... TO},
 * {@code REVOKE ... FROM}, {@code GRANTED BY}, {@code ALTER DEFAULT PRIVILEGES FOR ROLE} and a
 * policy's {@code TO} list. The new name is quoted the way PostgreSQL would quote it.
 */
public final class RoleMapRule implements StatementRule {
    public static final String ID = "map-role";

    /** Words that stand where a role list stands but are not roles. */
    private static final Set<String> NOT_ROLES = Set.of("public", "current_user", "session_user", "current_role", "default");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        Map<String, String> roleMap = context.options().roleMap();
        if (roleMap.isEmpty()) {
            return;
        }
        Map<String, String> byDumpName = roleMap.entrySet().stream().collect(Collectors.toMap(
                e -> Identifiers.toDumpDomain(e.getKey()), e -> Identifiers.toDumpDomain(e.getValue())));
        List<Token> significant = DumpDefinitions.significant(s);
        String text = s.text();
        for (Token role : rolePositions(significant, text)) {
            int at = significant.indexOf(role);
            String name = role.kind() == TokenKind.STRING ? Literals.unquote(s.text(role)) : Identifiers.normalize(s, role);
            String mapped = byDumpName.get(name);
            if (mapped == null || NOT_ROLES.contains(name) && role.kind() == TokenKind.IDENTIFIER) {
                continue;
            }
            String replacement = role.kind() == TokenKind.STRING ? Identifiers.quoteLiteral(mapped) : Identifiers.quote(mapped);
            if (Words.is(significant, at - 1, text, "AUTHORIZATION")
                    && (Words.is(significant, at - 2, text, "SCHEMA") || Words.is(significant, at - 2, text, "EXISTS"))) {
                // CREATE SCHEMA AUTHORIZATION joe names the schema after the role: keep the name.
                context.insert(ID, significant.get(at - 1).start(), s.text(role) + " ", "schema keeps the name " + name, null);
            }
            context.replace(ID, role.start(), role.end(), replacement, "role " + name + " -> " + mapped, null);
        }
    }

    /** Tokens that name a role, by the grammar positions pg_dump writes roles in. */
    private static List<Token> rolePositions(List<Token> significant, String text) {
        List<Token> roles = new ArrayList<>();
        boolean grant = Words.startsWith(significant, text, "GRANT") || Words.are(significant, 0, text, "ALTER", "DEFAULT");
        boolean revoke = Words.startsWith(significant, text, "REVOKE") || Words.are(significant, 0, text, "ALTER", "DEFAULT");
        boolean policy = Words.are(significant, 1, text, "POLICY");
        int depth = 0;
        for (int i = 0; i < significant.size(); i++) {
            TokenKind kind = significant.get(i).kind();
            if (kind == TokenKind.LEFT_PAREN) {
                depth++;
                continue;
            }
            if (kind == TokenKind.RIGHT_PAREN) {
                depth--;
                continue;
            }
            if (depth != 0) {
                continue;
            }
            if (Words.are(significant, i, text, "OWNER", "TO")) {
                addName(significant, i + 2, roles);
            } else if (Words.are(significant, i, text, "SESSION", "AUTHORIZATION")) {
                addName(significant, i + 2, roles);
                i += 2;
            } else if (Words.is(significant, i, text, "AUTHORIZATION")) {
                addName(significant, i + 1, roles);
            } else if (Words.are(significant, i, text, "GRANTED", "BY")) {
                addName(significant, i + 2, roles);
            } else if (Words.is(significant, i, text, "FOR") && (Words.is(significant, i + 1, text, "ROLE")
                    || Words.is(significant, i + 1, text, "USER"))) {
                addList(significant, i + 2, text, roles);
            } else if (Words.is(significant, i, text, "TO") && (grant || policy) && !Words.is(significant, i - 1, text, "OWNER")) {
                addList(significant, i + 1, text, roles);
            } else if (Words.is(significant, i, text, "FROM") && revoke) {
                addList(significant, i + 1, text, roles);
            }
        }
        return roles;
    }

    private static void addName(List<Token> significant, int i, List<Token> roles) {
        if (i < significant.size()) {
            TokenKind kind = significant.get(i).kind();
            if (kind == TokenKind.IDENTIFIER || kind == TokenKind.QUOTED_IDENTIFIER || kind == TokenKind.STRING) {
                roles.add(significant.get(i));
            }
        }
    }

    /** {@code [GROUP] a, [GROUP] b, ...} up to the first token that is not part of the list. */
    private static void addList(List<Token> significant, int i, String text, List<Token> roles) {
        while (i < significant.size()) {
            Token t = significant.get(i);
            if (t.kind() != TokenKind.IDENTIFIER && t.kind() != TokenKind.QUOTED_IDENTIFIER) {
                return;
            }
            boolean groupKeyword = Words.is(significant, i, text, "GROUP") && i + 1 < significant.size()
                    && significant.get(i + 1).kind() != TokenKind.COMMA && significant.get(i + 1).kind() != TokenKind.SEMICOLON;
            if (!groupKeyword) {
                roles.add(t);
                if (i + 1 >= significant.size() || significant.get(i + 1).kind() != TokenKind.COMMA) {
                    return;
                }
            }
            i += groupKeyword ? 1 : 2;
        }
    }
}
