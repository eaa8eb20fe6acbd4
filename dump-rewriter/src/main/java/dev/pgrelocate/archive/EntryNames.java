package dev.pgrelocate.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries a rewrite of an entry's SQL over to the TOC fields that name things outside the SQL:
 * the tag ({@code echo(public.citext)}, printed by {@code pg_restore -l} and in script comments)
 * and the namespace (used by {@code pg_restore -n} and, for a few kinds, to build
 * {@code ALTER ... OWNER TO}). Both are inferred from how qualified names changed in the SQL, so a
 * user's own object, whose own qualified name stays in its SQL, keeps its namespace.
 */
final class EntryNames {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_\\u0080-\\u00ff][A-Za-z0-9_$\\u0080-\\u00ff]*)";
    private static final Pattern QUALIFIED = Pattern.compile("(?<![A-Za-z0-9_$\"\\u0080-\\u00ff.])(" + IDENT + ")\\.(" + IDENT + ")");

    private EntryNames() {
    }

    /**
     * The tag with each {@code schema.name} whose occurrences in the SQL moved from {@code schema}
     * to {@code target} rewritten the same way; the tag itself when nothing of it moved.
     */
    static String tag(String tag, String before, String after, String target) {
        if (tag == null || before == null || after == null || before.equals(after)) {
            return tag;
        }
        String quotedTarget = quoteIfNeeded(target);
        Matcher m = QUALIFIED.matcher(tag);
        StringBuilder out = new StringBuilder(tag.length() + 16);
        int last = 0;
        while (m.find()) {
            String schema = m.group(1);
            String name = m.group(2);
            if (!schema.equals(quotedTarget) && moved(schema, name, quotedTarget, before, after)) {
                out.append(tag, last, m.start(1)).append(quotedTarget);
                last = m.end(1);
            }
        }
        return last == 0 ? tag : out.append(tag, last, tag.length()).toString();
    }

    /**
     * {@code target} when the SQL no longer qualifies anything with the entry's schema but now
     * qualifies names with the target (a grant on an extension's function that moved), else the
     * namespace unchanged.
     */
    static String namespace(String namespace, String before, String after, String target) {
        if (namespace == null || namespace.isEmpty() || namespace.equals(target) || before == null || after == null
                || before.equals(after)) {
            return namespace;
        }
        String schema = quoteIfNeeded(namespace);
        if (countQualifier(before, schema) > 0 && countQualifier(after, schema) == 0
                && countQualifier(after, quoteIfNeeded(target)) > countQualifier(before, quoteIfNeeded(target))) {
            return target;
        }
        return namespace;
    }

    private static boolean moved(String schema, String name, String target, String before, String after) {
        return count(after, schema, name) < count(before, schema, name)
                && count(after, target, name) > count(before, target, name);
    }

    private static int count(String sql, String schema, String name) {
        int n = 0;
        Matcher m = QUALIFIED.matcher(sql);
        while (m.find()) {
            if (m.group(1).equals(schema) && m.group(2).equals(name)) {
                n++;
            }
        }
        return n;
    }

    private static int countQualifier(String sql, String schema) {
        int n = 0;
        Matcher m = QUALIFIED.matcher(sql);
        while (m.find()) {
            if (m.group(1).equals(schema)) {
                n++;
            }
        }
        return n;
    }

    /** TOC namespaces are bare names; the SQL quotes the ones that need it. */
    private static String quoteIfNeeded(String name) {
        return dev.pgrelocate.statement.Identifiers.quote(name);
    }
}
