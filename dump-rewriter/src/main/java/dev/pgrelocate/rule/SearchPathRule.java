package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.SetStatement;
import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;

import java.util.List;
import java.util.Set;

/**
 * {@code SET search_path TO ...} that names a source schema gains the target right after the last
 * source element, so unqualified names still resolve once the extensions have moved; Rails'
 * trailing {@code SET search_path TO "$user", public;} is the case that matters most. A path that
 * already holds the target is left alone. The inserted element takes the style of its neighbour
 * (identifier or string literal).
 */
public final class SearchPathRule implements StatementRule {
    public static final String ID = "search-path";

    /** Path elements that are never a user schema a move could come from. */
    private static final Set<String> NOT_SCHEMAS = Set.of("$user", "pg_catalog", "pg_temp", "information_schema", "");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (s.kind() != StatementKind.SET) {
            return;
        }
        SetStatement set = SetStatement.parse(s);
        if (set == null || !set.name().equals("search_path")) {
            return;
        }
        SchemaMove move = context.move();
        List<SetStatement.Value> values = set.values();
        if (values.stream().anyMatch(v -> move.isTarget(v.text()))) {
            return;
        }
        SetStatement.Value last = null;
        for (SetStatement.Value v : values) {
            if (!NOT_SCHEMAS.contains(v.text()) && move.movesFrom(v.text())) {
                last = v;
            }
        }
        if (last == null) {
            return;
        }
        String element = last.token().kind() == TokenKind.STRING
                ? Identifiers.quoteLiteral(move.target()) : move.targetSql();
        context.insert(ID, last.token().end(), ", " + element,
                "search_path: added " + move.target() + " after " + last.text(), null);
    }
}
