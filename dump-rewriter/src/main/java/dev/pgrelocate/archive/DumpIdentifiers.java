package dev.pgrelocate.archive;

import dev.pgrelocate.statement.Identifiers;

/**
 * Identifiers as pg_dump's and pg_restore's {@code fmtId()} print them. It quotes exactly what the
 * server's quote_identifier() quotes, except that {@code $} is never left bare (fmtId only accepts
 * {@code [a-z0-9_]}). Names are ISO-8859-1 strings in the archive's byte domain.
 */
final class DumpIdentifiers {

    private DumpIdentifiers() {
    }

    static String fmtId(String name) {
        String quoted = Identifiers.quote(name);
        if (quoted.charAt(0) != '"' && name.indexOf('$') >= 0) {
            return '"' + name + '"';
        }
        return quoted;
    }

    /** {@code schema.name}, each part formatted; the schema is left out when null or empty. */
    static String fmtQualifiedId(String schema, String name) {
        return schema == null || schema.isEmpty() ? fmtId(name) : fmtId(schema) + "." + fmtId(name);
    }
}
