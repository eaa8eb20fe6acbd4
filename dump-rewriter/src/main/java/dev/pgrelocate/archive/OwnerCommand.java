package dev.pgrelocate.archive;

import java.util.Set;

/**
 * The {@code ALTER ... OWNER TO} statement pg_restore generates after an entry's definition. It is
 * not in the archive: the object is named from {@code namespace} + {@code tag} for most types, and
 * cut out of {@code dropStmt} for the types whose name needs an argument list (functions,
 * operators...). A rewrite that changes names must therefore keep both fields consistent.
 */
final class OwnerCommand {

    /** Named by namespace and tag. */
    private static final Set<String> NAMED_BY_TAG = Set.of(
            "COLLATION", "CONVERSION", "DOMAIN", "TABLE", "TYPE", "FOREIGN TABLE", "TEXT SEARCH DICTIONARY",
            "TEXT SEARCH CONFIGURATION", "STATISTICS", "DATABASE", "PROCEDURAL LANGUAGE", "SCHEMA",
            "EVENT TRIGGER", "FOREIGN DATA WRAPPER", "SERVER", "PUBLICATION", "SUBSCRIPTION");

    /** Named by their DROP statement minus "DROP ". */
    private static final Set<String> NAMED_BY_DROP = Set.of(
            "AGGREGATE", "FUNCTION", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY", "PROCEDURE");

    private OwnerCommand() {
    }

    /**
     * {@code ALTER <object> OWNER TO <owner>;} for an entry that has an owner and a drop statement,
     * or null when pg_restore writes none (no owner, no drop statement, a type without owners).
     */
    static String of(TocEntry entry) {
        String owner = entry.owner();
        String drop = entry.dropStmt();
        if (owner == null || owner.isEmpty() || drop == null || drop.isEmpty()) {
            return null;
        }
        String object = objectName(entry);
        return object == null ? null : "ALTER " + object + " OWNER TO " + DumpIdentifiers.fmtId(owner) + ";";
    }

    private static String objectName(TocEntry entry) {
        String desc = entry.desc();
        // ALTER TABLE works for views and sequences and is what pg_restore writes
        if (desc.equals("VIEW") || desc.equals("SEQUENCE") || desc.equals("MATERIALIZED VIEW")) {
            desc = "TABLE";
        }
        if (NAMED_BY_TAG.contains(desc)) {
            return desc + " " + DumpIdentifiers.fmtQualifiedId(entry.namespace(), entry.tag());
        }
        if (desc.equals("BLOB")) {
            return "LARGE OBJECT " + entry.tag(); // a number: never quoted
        }
        if (NAMED_BY_DROP.contains(desc)) {
            String object = entry.dropStmt().substring(Math.min(5, entry.dropStmt().length()));
            int end = object.length();
            while (end > 0 && (object.charAt(end - 1) == '\n' || object.charAt(end - 1) == ';')) {
                end--;
            }
            return object.substring(0, end);
        }
        return null; // no separate owner (constraints, indexes, defaults...) or a type pg_restore does not know
    }
}
