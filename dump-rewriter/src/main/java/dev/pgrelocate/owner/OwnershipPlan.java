package dev.pgrelocate.owner;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The statements that give every user object of one database to {@link #newOwner()}, in the order
 * they run, plus the optional grants for {@link #readRole()}. Immutable; print it with
 * {@link #toSql()}, run it with {@link OwnershipApplier}.
 */
public record OwnershipPlan(String database, String newOwner, String readRole, List<PlannedStatement> statements) {

    public OwnershipPlan {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(newOwner, "newOwner");
        statements = List.copyOf(statements);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** Statements per kind, in plan order; kinds without statements are absent. */
    public Map<ObjectKind, Integer> counts() {
        Map<ObjectKind, Integer> counts = new EnumMap<>(ObjectKind.class);
        for (PlannedStatement s : statements) {
            counts.merge(s.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /** The statements of one kind, in plan order. */
    public List<PlannedStatement> of(ObjectKind kind) {
        return statements.stream().filter(s -> s.kind() == kind).toList();
    }

    /** {@code "12 statements: 2 schemas, 3 tables, 1 function"}. */
    public String summary() {
        if (statements.isEmpty()) {
            return "0 statements";
        }
        StringJoiner parts = new StringJoiner(", ");
        counts().forEach((kind, n) -> parts.add(kind.count(n)));
        return statements.size() + (statements.size() == 1 ? " statement: " : " statements: ") + parts;
    }

    /**
     * The plan as a script psql can run: {@code BEGIN;}, one statement a line grouped under a comment
     * per kind, {@code COMMIT;}. An empty plan is a single comment.
     */
    public String toSql() {
        String nl = System.lineSeparator();
        if (statements.isEmpty()) {
            return comment("-- nothing to change: every user object of database " + database + " is owned by " + newOwner
                    + (readRole == null ? "" : " and " + readRole + " can already read it")) + nl;
        }
        StringBuilder sql = new StringBuilder("BEGIN;").append(nl);
        ObjectKind current = null;
        Map<ObjectKind, Integer> counts = counts();
        for (PlannedStatement s : statements) {
            if (s.kind() != current) {
                current = s.kind();
                sql.append(nl).append("-- ").append(current.pluralLabel()).append(" (").append(counts.get(current))
                        .append(')').append(nl);
            }
            sql.append(s.sql());
            if (s.note() != null) {
                sql.append(" ").append(comment("-- " + s.note()));
            }
            sql.append(nl);
        }
        return sql.append(nl).append("COMMIT;").append(nl).toString();
    }

    /** Names in a comment come from the user and the server: a line break in one must not end the comment. */
    static String comment(String text) {
        return text.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }
}
