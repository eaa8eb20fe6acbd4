package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;

/**
 * {@code CREATE SCHEMA x} becomes {@code CREATE SCHEMA IF NOT EXISTS x}, with or without
 * AUTHORIZATION, so a schema the platform already has (heroku_ext) does not stop the restore.
 */
public final class CreateSchemaIfNotExistsRule implements StatementRule {
    public static final String ID = "create-schema-if-not-exists";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (s.kind() != StatementKind.CREATE_SCHEMA) {
            return;
        }
        CreateSchema schema = CreateSchema.parse(s);
        if (schema == null || schema.ifNotExists()) {
            return;
        }
        if (schema.hasElements()) {
            context.warn(schema.schemaKeyword().start(),
                    "CREATE SCHEMA " + schema.name() + " contains schema elements, so IF NOT EXISTS cannot be added",
                    "create the schema alone and its objects in separate statements");
            return;
        }
        boolean exists = context.move().isTarget(schema.name())
                && (context.targetOwnedByPlatform() || schema.name().equals("public"));
        String failure = exists ? "schema \"" + schema.name() + "\" already exists on the target platform" : null;
        context.insert(ID, schema.schemaKeyword().end(), " IF NOT EXISTS",
                "CREATE SCHEMA " + schema.name() + " -> CREATE SCHEMA IF NOT EXISTS " + schema.name(), failure);
    }
}
