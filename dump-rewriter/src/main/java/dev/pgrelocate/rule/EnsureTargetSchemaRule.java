package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.StatementKind;

/**
 * Inserts {@code CREATE SCHEMA IF NOT EXISTS <target>;} before the first extension that lands in
 * the target when the input has not created the target schema by then, so one file restores both
 * where the platform pre-creates the schema and where nobody does. pg_dump writes schemas before
 * extensions, so "not created by then" means "not created by the dump". {@code public} exists in
 * every database and is never inserted.
 */
public final class EnsureTargetSchemaRule implements StatementRule {
    public static final String ID = "ensure-target-schema";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        SchemaMove move = context.move();
        if (s.kind() == StatementKind.CREATE_SCHEMA) {
            CreateSchema schema = CreateSchema.parse(s);
            if (schema != null && move.isTarget(schema.name())) {
                context.markTargetSchemaCreated();
            }
            return;
        }
        if (s.kind() != StatementKind.CREATE_EXTENSION || context.targetSchemaCreated() || move.isTarget("public")) {
            return;
        }
        CreateExtension ext = CreateExtension.parse(s);
        if (ext != null && ext.endsInTarget(move)) {
            String nl = context.lineEnding();
            context.insert(ID, 0, "CREATE SCHEMA IF NOT EXISTS " + move.targetSql() + ";" + nl + nl,
                    "inserted CREATE SCHEMA IF NOT EXISTS " + move.target() + " before extension " + ext.name(), null);
            context.markTargetSchemaCreated();
        }
    }
}
