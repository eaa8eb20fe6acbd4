package dev.pgrelocate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Writes TOC entries as SQL the way pg_restore 15 does for one session (a script, or one
 * connection of a parallel restore): the {@code -- Name: ...} comment, tablespace and table access
 * method switches when they change, the definition, the generated {@code ALTER ... OWNER TO}, and
 * for data entries the COPY statement with its rows or the large objects. The settings it has
 * switched are remembered, so one writer must not be shared between sessions.
 */
final class EntryWriter {
    private static final String LARGE_OBJECT = "LARGE OBJECT ";

    private final ScriptOutput out;
    private final ScriptOptions options;
    private final SessionSetup session;
    private final Map<Integer, TocEntry> byDumpId;
    /** The archive's name, for errors. */
    private final String source;

    private String currentTablespace;
    private String currentTableAm;
    private String currentSchema;

    EntryWriter(ScriptOutput out, ScriptOptions options, SessionSetup session, Map<Integer, TocEntry> byDumpId,
            String source) {
        this.out = out;
        this.source = source;
        this.options = options;
        this.session = session;
        this.byDumpId = byDumpId;
    }

    /** One entry, schema part then data part, as far as {@link EntryParts} wants them. */
    void write(TocEntry entry, Archive data) throws IOException {
        EntryParts parts = EntryParts.of(entry, options);
        if (parts.schema()) {
            definition(entry, false);
        }
        if (!parts.data()) {
            return;
        }
        if (!entry.hadDumper()) {
            if (!parts.schema()) {
                definition(entry, false); // SEQUENCE SET, BLOB...: data-only SQL in the defn
            }
        } else if (entry.desc().equals("BLOBS")) {
            definition(entry, true);
            selectSchema("pg_catalog");
            LargeObjectScript objects = new LargeObjectScript(out, session.stdStrings());
            objects.begin();
            try (LargeObjectIterator each = data.openBlobs(entry)) {
                while (each.hasNext()) {
                    LargeObject object = each.next();
                    objects.largeObject(object.oid(), object.content());
                }
            }
            objects.commit();
        } else {
            definition(entry, true);
            selectSchema(entry.namespace());
            if (entry.copyStmt() != null && !entry.copyStmt().isEmpty()) {
                out.print(entry.copyStmt());
            }
            try (InputStream rows = data.openData(entry)) {
                out.copy(rows);
            }
        }
    }

    /** pg_restore's _printTocEntry: the comment header, the defn, the owner. */
    private void definition(TocEntry entry, boolean isData) throws IOException {
        selectSchema(entry.namespace());
        selectTablespace(entry.tablespace());
        selectTableAm(entry.tableam());
        header(entry, isData);
        String defn = entry.defn();
        String desc = entry.desc();
        if (options.noOwner() && desc.equals("SCHEMA") && !startsWith(defn, "--")) {
            // pg_restore -O drops AUTHORIZATION by writing its own CREATE SCHEMA (a defn starting "--" survives)
            out.print("CREATE SCHEMA " + DumpIdentifiers.fmtId(entry.tag()) + ";\n\n\n");
        } else if (desc.equals("BLOB METADATA")) {
            perLargeObject(entry, "SELECT pg_catalog.lo_create('", "')");
        } else if (desc.equals("ACL") && startsWith(entry.tag(), "LARGE OBJECTS")) {
            aclPerLargeObject(entry);
        } else if (defn != null && !defn.isEmpty()) {
            out.print(defn + "\n\n");
        }
        if (!options.noOwner()) {
            owner(entry);
        }
    }

    private void header(TocEntry entry, boolean isData) throws IOException {
        StringBuilder text = new StringBuilder("--\n-- ");
        text.append(isData ? "Data for " : "").append("Name: ").append(oneLine(entry.tag(), ""))
                .append("; Type: ").append(entry.desc())
                .append("; Schema: ").append(oneLine(entry.namespace(), "-"))
                .append("; Owner: ").append(oneLine(options.noOwner() ? null : entry.owner(), "-"));
        if (entry.tablespace() != null && !entry.tablespace().isEmpty()) {
            text.append("; Tablespace: ").append(oneLine(entry.tablespace(), ""));
        }
        text.append("\n--\n\n");
        out.print(text.toString());
    }

    private void owner(TocEntry entry) throws IOException {
        if (entry.desc().equals("BLOB METADATA")) {
            if (entry.owner() != null && !entry.owner().isEmpty() && entry.dropStmt() != null && !entry.dropStmt().isEmpty()) {
                perLargeObject(entry, "ALTER LARGE OBJECT ", " OWNER TO " + DumpIdentifiers.fmtId(entry.owner()));
            }
            return;
        }
        String alter = OwnerCommand.of(entry);
        if (alter != null) {
            out.print(alter + "\n\n");
        }
    }

    /** 1.16 BLOB METADATA: the defn is a list of OIDs, one command per object. */
    private void perLargeObject(TocEntry metadata, String before, String after) throws IOException {
        String oids = Objects.requireNonNullElse(metadata.defn(), "");
        StringBuilder sql = new StringBuilder();
        int start = 0;
        for (int end; (end = oids.indexOf('\n', start)) >= 0; start = end + 1) {
            sql.append(before).append(oids, start, end).append(after).append(";\n");
        }
        out.print(sql.append('\n').toString());
    }

    /**
     * 1.16 "LARGE OBJECTS a..b" ACL entries hold each GRANT/REVOKE once for a group: every command
     * is split around its "LARGE OBJECT n" and repeated for each object of the group's metadata entry.
     */
    private void aclPerLargeObject(TocEntry acl) throws IOException {
        TocEntry metadata = acl.dependencies().isEmpty() ? null : byDumpId.get(Integer.parseInt(acl.dependencies().get(0)));
        if (metadata == null) {
            throw ArchiveFormatException.of(source, ArchiveFormatException.NO_OFFSET, acl,
                    "no BLOB METADATA entry for the large object ACL", null);
        }
        String sql = Objects.requireNonNullElse(acl.defn(), "");
        boolean inQuotes = false;
        int start = 0;
        String firstHalf = null;
        int secondStart = -1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes; // role names may hold anything
            }
            if (inQuotes) {
                i++;
            } else if (sql.startsWith(LARGE_OBJECT, i)) {
                i += LARGE_OBJECT.length();
                firstHalf = sql.substring(start, i);
                do {
                    i++; // the group's example OID
                } while (i < sql.length() && isDigit(sql.charAt(i)));
                secondStart = i;
            } else if (c == ';') {
                if (firstHalf == null) {
                    throw ArchiveFormatException.of(source, ArchiveFormatException.NO_OFFSET, acl,
                            "large object ACL command without LARGE OBJECT: " + sql.substring(start, i), null);
                }
                perLargeObject(metadata, firstHalf, sql.substring(secondStart, i));
                i++;
                while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                start = i;
                firstHalf = null;
            } else {
                i++;
            }
        }
    }

    // ------------------------------------------------------------ session settings

    /** Only archives before 1.13 (no SEARCHPATH entry) rely on search_path to find unqualified names. */
    private void selectSchema(String schema) throws IOException {
        if (session.searchPath() != null || schema == null || schema.isEmpty() || schema.equals(currentSchema)) {
            return;
        }
        String path = DumpIdentifiers.fmtId(schema) + (schema.equals("pg_catalog") ? "" : ", pg_catalog");
        out.print("SET search_path = " + path + ";\n\n");
        currentSchema = schema;
    }

    private void selectTablespace(String tablespace) throws IOException {
        if (tablespace == null || tablespace.equals(currentTablespace)) {
            return;
        }
        out.print("SET default_tablespace = " + (tablespace.isEmpty() ? "''" : DumpIdentifiers.fmtId(tablespace)) + ";\n\n");
        currentTablespace = tablespace;
    }

    private void selectTableAm(String tableAm) throws IOException {
        if (tableAm == null || tableAm.equals(currentTableAm)) {
            return;
        }
        out.print("SET default_table_access_method = " + DumpIdentifiers.fmtId(tableAm) + ";\n\n");
        currentTableAm = tableAm;
    }

    private static String oneLine(String text, String ifNull) {
        return text == null ? ifNull : text.replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null && text.startsWith(prefix);
    }
}
