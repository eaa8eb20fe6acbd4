package dev.pgrelocate.rule;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.statement.Identifiers;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The direction of a rewrite, with names in the statement byte domain: which schemas' extensions
 * move, the one schema they move to, and which extensions stay. Direction-agnostic by design:
 * {@code *} means every schema except the target.
 */
public final class SchemaMove {
    private final boolean everySchema;
    private final Set<String> sources;
    private final String target;
    private final Set<String> excluded;

    public SchemaMove(RewriteOptions options) {
        this.everySchema = options.sourceSchemas().contains("*");
        this.sources = options.sourceSchemas().stream().filter(s -> !s.equals("*"))
                .map(Identifiers::toDumpDomain).collect(Collectors.toUnmodifiableSet());
        this.target = Identifiers.toDumpDomain(options.targetSchema());
        this.excluded = options.excludedExtensions().stream().map(Identifiers::toDumpDomain)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when extensions in {@code schema} move to the target. */
    public boolean movesFrom(String schema) {
        return !schema.equals(target) && (everySchema || sources.contains(schema));
    }

    public boolean isTarget(String schema) {
        return schema.equals(target);
    }

    public boolean isExcluded(String extension) {
        return excluded.contains(extension);
    }

    public String target() {
        return target;
    }

    /** The target as an SQL identifier, quoted when needed. */
    public String targetSql() {
        return Identifiers.quote(target);
    }
}
