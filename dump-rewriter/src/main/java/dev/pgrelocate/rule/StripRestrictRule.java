package dev.pgrelocate.rule;

/**
 * Removes pg_dump's <code>&#92;restrict KEY</code> and <code>&#92;unrestrict KEY</code> lines (written since the
 * August 2025 releases 17.6, 16.10, 15.14, 14.19, 13.22 against CVE-2025-8714) for consumers that
 * are not psql: JDBC, Flyway, older psql. The key is never echoed into reports.
 */
public final class StripRestrictRule implements MetaCommandRule {
    public static final String ID = "strip-restrict";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String drop(String line) {
        String command = line.stripLeading();
        for (String name : new String[] {"\\restrict", "\\unrestrict"}) {
            if (command.startsWith(name) && (command.length() == name.length()
                    || Character.isWhitespace(command.charAt(name.length())))) {
                return "removed " + name + " line (key not shown)";
            }
        }
        return null;
    }
}
