package dev.pgrelocate.archive;

/**
 * The three passes of a pg_restore run, in order: everything else, then privileges (so a GRANT
 * never meets an object it cannot see yet, and revoked rights do not stop the restore itself),
 * then what must run with the final privileges in place: event triggers (which would otherwise fire
 * during the restore) and materialized view refreshes.
 */
public enum RestorePass {
    MAIN, ACL, POST_ACL;

    public static RestorePass of(TocEntry entry) {
        String desc = entry.desc();
        if (isAcl(entry)) {
            return ACL;
        }
        if (desc.equals("EVENT TRIGGER") || desc.equals("MATERIALIZED VIEW DATA")) {
            return POST_ACL;
        }
        // a comment goes with its object; only event triggers among the late ones have comments
        if (desc.equals("COMMENT") && entry.tag() != null && entry.tag().startsWith("EVENT TRIGGER ")) {
            return POST_ACL;
        }
        // pg_restore 18: statistics of matviews wait for their data, the others keep TOC order with them
        if (desc.equals("STATISTICS DATA") && entry.section() == TocEntry.SECTION_POST_DATA) {
            return POST_ACL;
        }
        return MAIN;
    }

    /** Privilege entries ("ACL LANGUAGE" only came from pg_dump 7.4). */
    public static boolean isAcl(TocEntry entry) {
        String desc = entry.desc();
        return desc.equals("ACL") || desc.equals("DEFAULT ACL") || desc.equals("ACL LANGUAGE");
    }
}
