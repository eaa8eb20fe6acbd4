package dev.pgrelocate.archive;

/**
 * Which parts of a TOC entry a default pg_restore (no -C, no section or name filters) restores: its
 * definition (schema part), its data, both or neither. Data means a data block, and also the
 * entries whose SQL only makes sense together with data (sequence values, large objects).
 *
 * @param schema the defn is run
 * @param data   the data block is loaded (or, without one, the defn is run as data)
 */
public record EntryParts(boolean schema, boolean data) {

    private static final EntryParts NONE = new EntryParts(false, false);

    public static EntryParts of(TocEntry entry, ScriptOptions options) {
        String desc = entry.desc();
        if (isSpecial(entry)) {
            return NONE; // read into the session preamble instead
        }
        if (desc.equals("DATABASE") || desc.equals("DATABASE PROPERTIES")) {
            return NONE; // only with pg_restore -C
        }
        if (options.noAcl() && RestorePass.isAcl(entry)) {
            return NONE;
        }
        if (isDatabaseDependent(entry)) {
            return NONE; // COMMENT/ACL/SECURITY LABEL ON DATABASE: also -C only
        }
        boolean schema = true;
        boolean data = true;
        if (!entry.hadDumper()) {
            data = isDataWithoutBlock(entry);
            schema = !data;
        }
        String defn = entry.defn();
        if (defn == null || defn.isEmpty() || defn.startsWith("-- load via partition root ")) {
            schema = false;
        }
        return new EntryParts(schema, data);
    }

    /** ENCODING, STDSTRINGS and SEARCHPATH: read when the TOC is read, never restored as entries. */
    public static boolean isSpecial(TocEntry entry) {
        String desc = entry.desc();
        return desc.equals("ENCODING") || desc.equals("STDSTRINGS") || desc.equals("SEARCHPATH");
    }

    public boolean any() {
        return schema || data;
    }

    private static boolean isDatabaseDependent(TocEntry entry) {
        String desc = entry.desc();
        return (desc.equals("ACL") || desc.equals("COMMENT") || desc.equals("SECURITY LABEL"))
                && entry.tag() != null && entry.tag().startsWith("DATABASE ");
    }

    private static boolean isDataWithoutBlock(TocEntry entry) {
        String desc = entry.desc();
        if (desc.equals("SEQUENCE SET") || desc.equals("BLOB") || desc.equals("BLOB METADATA")) {
            return true;
        }
        boolean aboutLargeObject = entry.tag() != null && entry.tag().startsWith("LARGE OBJECT");
        return aboutLargeObject && (desc.equals("ACL") || desc.equals("COMMENT") || desc.equals("SECURITY LABEL"));
    }
}
