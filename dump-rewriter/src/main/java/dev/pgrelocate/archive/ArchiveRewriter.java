package dev.pgrelocate.archive;

import dev.pgrelocate.RewriteOptions;
import dev.pgrelocate.RewriteSession;
import dev.pgrelocate.report.RewriteReport;
import dev.pgrelocate.rule.DumpDefinitions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The plain-SQL rules over an archive's TOC: each entry's definition, drop statement and COPY
 * statement go through one {@link RewriteSession} in TOC order, so an entry sees the extensions the
 * entries before it created. Table data is never looked at: it is copied raw by the writer.
 *
 * <p>What pg_restore derives from TOC fields rather than from SQL is rewritten here too: the owner
 * (pg_restore generates {@code ALTER ... OWNER TO} from it), the tag and namespace of entries whose
 * object moved, and a {@code SCHEMA} entry's definition starts with a comment line, without which
 * {@code pg_restore --no-owner} replaces a rewritten {@code CREATE SCHEMA IF NOT EXISTS} by its own
 * {@code CREATE SCHEMA}.
 */
public final class ArchiveRewriter {
    /** Entries whose SQL is pg_restore's session setup or not SQL at all (a list of OIDs). */
    private static final Set<String> UNTOUCHED = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH", "BLOB METADATA");
    static final String SCHEMA_COMMENT = "-- rewritten by pgrelocate\n";
    private static final String COPY_END = "\\.\n";

    private final RewriteOptions options;

    public ArchiveRewriter(RewriteOptions options) {
        this.options = options;
    }

    /** The rewritten entries (entries the rules emptied are left out) and what changed. */
    public record Result(List<TocEntry> entries, RewriteReport report, int removedEntries) {
        public boolean changed(List<TocEntry> original) {
            return !entries.equals(original);
        }
    }

    /**
     * @param pgMajor the major of the server the archive was dumped from, or null when unknown
     * @param source  the archive's name in changes and warnings
     */
    public Result rewrite(List<TocEntry> entries, Integer pgMajor, String source) {
        RewriteSession session = new RewriteSession(options, source, definitions(entries, source), pgMajor);
        List<TocEntry> out = new ArrayList<>(entries.size());
        int removed = 0;
        for (TocEntry entry : entries) {
            if (UNTOUCHED.contains(entry.desc())) {
                out.add(entry);
                continue;
            }
            TocEntry rewritten = rewrite(entry, session, source);
            if (rewritten == null) {
                removed++;
            } else {
                out.add(rewritten);
            }
        }
        return new Result(out, session.finish(), removed);
    }

    /** The entry rewritten, or null when the rules dropped everything it would do. */
    private TocEntry rewrite(TocEntry entry, RewriteSession session, String source) {
        String label = source + " [" + entry.dumpId() + " " + entry.desc() + " "
                + (entry.namespace() == null || entry.namespace().isEmpty() ? "" : entry.namespace() + " ")
                + entry.tag() + "]";
        String defn = sql(session, entry.defn(), label + " definition", entry.desc());
        String dropStmt = sql(session, entry.dropStmt(), label + " drop statement", entry.desc());
        String copyStmt = copyStatement(session, entry.copyStmt(), label + " COPY statement");
        if (!entry.hadDumper() && isBlank(defn) && !isBlank(entry.defn())) {
            return null; // e.g. an ACL under --no-acl, a comment on plpgsql: nothing left to restore
        }
        if ("SCHEMA".equals(entry.desc()) && defn != null && !defn.equals(entry.defn()) && !defn.startsWith("--")) {
            defn = SCHEMA_COMMENT + defn;
        }
        String before = join(entry.defn(), entry.dropStmt(), entry.copyStmt());
        String after = join(defn, dropStmt, copyStmt);
        String target = options.targetSchema();
        return entry.withDefn(defn)
                .withDropStmt(dropStmt)
                .withCopyStmt(copyStmt)
                .withTag(EntryNames.tag(entry.tag(), before, after, target))
                .withNamespace(EntryNames.namespace(entry.namespace(), before, after, target))
                .withOwner(owner(entry));
    }

    /** pg_restore turns the owner field into {@code ALTER ... OWNER TO}: the owner rules apply to it. */
    private String owner(TocEntry entry) {
        String owner = entry.owner();
        if (owner == null || owner.isEmpty()) {
            return owner;
        }
        if (options.noOwner()) {
            return "";
        }
        if (options.targetOwnedByPlatform() && "SCHEMA".equals(entry.desc()) && options.targetSchema().equals(entry.tag())) {
            return ""; // the platform owns the target schema: ALTER SCHEMA ... OWNER TO would fail
        }
        return options.roleMap().getOrDefault(owner, owner);
    }

    private static String sql(RewriteSession session, String sql, String label, String desc) {
        if (isBlank(sql)) {
            return sql;
        }
        return text(session.rewrite(bytes(sql), label, desc));
    }

    /** A COPY statement alone would leave the reader waiting for its data: it gets an empty one. */
    private static String copyStatement(RewriteSession session, String copyStmt, String label) {
        if (isBlank(copyStmt)) {
            return copyStmt;
        }
        String rewritten = text(session.rewrite(bytes(copyStmt + COPY_END), label, "TABLE DATA"));
        if (!rewritten.endsWith(COPY_END)) {
            throw new IllegalStateException(label + ": the rewrite lost the end of the COPY data");
        }
        return rewritten.substring(0, rewritten.length() - COPY_END.length());
    }

    /** What all entries define, before any is rewritten: a reference may come before its object. */
    private static DumpDefinitions definitions(List<TocEntry> entries, String source) {
        DumpDefinitions definitions = new DumpDefinitions();
        for (TocEntry entry : entries) {
            if (!UNTOUCHED.contains(entry.desc()) && !isBlank(entry.defn())) {
                try {
                    definitions.scanMore(new ByteArrayInputStream(bytes(entry.defn())), source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // in memory
                }
            }
        }
        return definitions;
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null) {
                b.append(p).append('\n');
            }
        }
        return b.toString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** TOC strings hold one char per byte (ISO-8859-1), whatever the dump's encoding. */
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
