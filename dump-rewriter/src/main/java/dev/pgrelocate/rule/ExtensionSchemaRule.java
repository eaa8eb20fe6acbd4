package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;

/**
 * Moves {@code CREATE EXTENSION} into the target schema: a named source schema is replaced, a
 * missing {@code WITH SCHEMA} is added. Excluded extensions and extensions already in the target
 * or in a schema that does not move are left as they are.
 */
public final class ExtensionSchemaRule implements StatementRule {
    public static final String ID = "extension-schema";

    /**
     * Extensions whose install script finds the extensions it requires through the database's
     * default search_path (pg_db_role_setting), not through CREATE EXTENSION's own: PostGIS's
     * tiger geocoder builds indexes on fuzzystrmatch's soundex() that way.
     */
    private static final java.util.Map<String, java.util.List<String>> INSTALL_USES_DATABASE_SEARCH_PATH =
            java.util.Map.of("postgis_tiger_geocoder", java.util.List.of("fuzzystrmatch", "postgis"));

    @Override
    public String id() {
        return ID;
    }

    private static void warnIfInstallNeedsDatabaseSearchPath(CreateExtension ext, Statement s, RuleContext context) {
        java.util.List<String> needs = INSTALL_USES_DATABASE_SEARCH_PATH.getOrDefault(ext.name(), java.util.List.of());
        if (needs.stream().anyMatch(context.movedExtensions()::isMoved)) {
            String target = context.move().targetSql();
            context.warn(ext.nameToken().start(), "extension " + ext.name() + " stays where it is, but its install script"
                            + " looks up " + String.join(" and ", needs) + " through the database's default search_path,"
                            + " and they move to " + context.move().target(),
                    "before the restore, run on the target: ALTER DATABASE <db> SET search_path = \"$user\", public, " + target);
        }
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (s.kind() != StatementKind.CREATE_EXTENSION) {
            return;
        }
        CreateExtension ext = CreateExtension.parse(s);
        SchemaMove move = context.move();
        if (ext == null) {
            return;
        }
        context.createdExtensions().add(ext.name());
        if (move.isExcluded(ext.name())) {
            warnIfInstallNeedsDatabaseSearchPath(ext, s, context);
            return;
        }
        String failure = context.targetOwnedByPlatform()
                ? "extension \"" + ext.name() + "\" must be installed in schema \"" + move.target() + "\""
                : null;
        if (ext.schemaToken() != null) {
            if (move.movesFrom(ext.schema())) {
                context.movedExtensions().moved(ext.name(), ext.schema());
                context.replace(ID, ext.schemaToken().start(), ext.schemaToken().end(), move.targetSql(),
                        "extension " + ext.name() + ": SCHEMA " + ext.schema() + " -> " + move.target(), failure);
            }
            return;
        }
        // No schema: created in the first schema of the search path, public in every migration we know.
        context.movedExtensions().moved(ext.name(), "public");
        if (ext.withToken() != null) {
            context.insert(ID, ext.withToken().end(), " SCHEMA " + move.targetSql(),
                    "extension " + ext.name() + ": added SCHEMA " + move.target(), failure);
        } else {
            context.insert(ID, ext.nameToken().end(), " WITH SCHEMA " + move.targetSql(),
                    "extension " + ext.name() + ": added WITH SCHEMA " + move.target(), failure);
        }
    }
}
