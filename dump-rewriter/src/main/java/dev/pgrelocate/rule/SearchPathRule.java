package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Identifiers;
import dev.pgrelocate.statement.Statement;

import java.util.Set;

/**
 * A search path that names a schema the extensions moved out of gains the target right after
 * that schema, so unqualified names still resolve: Rails' trailing {@code SET search_path TO
 * "$user", public;}, a function's {@code SET search_path TO 'public', 'pg_temp'} (which otherwise
 * breaks at the first call, or while an index on the function is built during the restore), and
 * {@code ALTER DATABASE/ROLE ... SET search_path}. A path that already holds the target is left
 * alone; the inserted element takes the style of its neighbour (identifier or string literal).
 *
 * <p>Which schemas count: those a moved extension was created in; in a file that creates no
 * extension so far (pg_dump -n, a migration), every source schema. (Not "no extension moved":
 * on its own output, where every extension already is in the target, that would add the target
 * a second time over.)
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
        switch (s.kind()) {
            case SET, CREATE_FUNCTION, ALTER_OTHER -> {
                for (SearchPathClause clause : SearchPathClause.findAll(s)) {
                    extend(clause, context);
                }
            }
            default -> { }
        }
    }

    private void extend(SearchPathClause clause, RuleContext context) {
        SchemaMove move = context.move();
        if (!clause.isList() || clause.contains(move.target())) {
            return;
        }
        SearchPathClause.Element last = null;
        for (SearchPathClause.Element e : clause.elements()) {
            if (!NOT_SCHEMAS.contains(e.value()) && movedOutOf(e.value(), context)) {
                last = e;
            }
        }
        if (last == null) {
            return;
        }
        String element = last.isLiteral() ? Identifiers.quoteLiteral(move.target()) : move.targetSql();
        context.insert(ID, last.token().end(), ", " + element,
                "search_path: added " + move.target() + " after " + last.value(), null);
    }

    private static boolean movedOutOf(String schema, RuleContext context) {
        return context.createdExtensions().isEmpty()
                ? context.move().movesFrom(schema)
                : context.movedExtensions().movesOutOf(schema);
    }
}
